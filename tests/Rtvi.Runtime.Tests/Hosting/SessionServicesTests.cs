using Microsoft.Extensions.DependencyInjection;
using Rtvi.Tests.Reliability;

namespace Rtvi.Tests.Hosting;

/// <summary>The session in its DI scope (<see cref="RtviSession"/>, <see cref="IRtviSessionAccessor"/>) over real transports.</summary>
public sealed class SessionServicesTests
{
    public static TheoryData<Wire> All => Wires.All;

    /// <summary>A scoped service a handler uses: it takes the session to send events.</summary>
    private sealed class Notifier(RtviSession session)
    {
        public ValueTask NotifyAsync(string text) => session.Events.ServerMessageAsync(RtviResult.FromString(text));
    }

    private sealed class AccessorUser(IRtviSessionAccessor accessor)
    {
        public RtviSession? Session => accessor.Session;
    }

    private static void RegisterNotify(RtviRegistryBuilder registry) => registry
        .AddService("notify")
        .AddAction("notify", "send", [], RtviWireType.Bool, static async (context, _, _) =>
        {
            await context.Services.GetRequiredService<Notifier>().NotifyAsync("hello");
            return RtviResult.FromBoolean(true);
        });

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_scoped_service_taking_the_session_sends_events_to_its_client(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, register: RegisterNotify, services: s => s.AddScoped<Notifier>());
        await using var client = await server.Connect();
        await client.Handshake();

        await client.Send(Transcript.Msg("action", "n1", "{'service':'notify','action':'send'}"));

        await client.Expect("{'label':'rtvi-ai','type':'server-message','data':'hello'}");
        await client.ExpectType("action-response", "n1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task The_session_accessor_of_a_session_scope_gives_that_session(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, services: s => s.AddScoped<AccessorUser>());
        await using var client = await server.Connect();
        var session = await server.NextStarted();

        Assert.Same(session, session.Services.GetRequiredService<AccessorUser>().Session);
        Assert.Same(session, session.Services.GetRequiredService<RtviSession>());
    }

    [Fact]
    public void RtviSession_is_not_resolvable_outside_a_session_scope()
    {
        var services = new ServiceCollection();
        services.AddRtvi();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Null(scope.ServiceProvider.GetRequiredService<IRtviSessionAccessor>().Session);
        Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<RtviSession>());
    }
}
