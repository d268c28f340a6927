using Rtvi;

// The generator emits reflection-free JSON metadata for the bot's records (Rtvi.RtviGeneratedJson): no serializer
// context to write. The page reads and writes snake_case.
[assembly: RtviJson(NamingPolicy = RtviJsonNamingPolicy.SnakeCaseLower)]
