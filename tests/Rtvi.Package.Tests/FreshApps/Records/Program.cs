using Rtvi;
using Rtvi.Transports;

// One RTVI session over NDJSON on stdin/stdout; it ends when stdin closes.
var registry = new RtviRegistryBuilder();
RtviGeneratedHandlers.Register(registry);
await using var connection = RtviStreamConnection.OpenStandardStreams();
await new RtviServer(registry.Build()).RunSessionAsync(connection);
