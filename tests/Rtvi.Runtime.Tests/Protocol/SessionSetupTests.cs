using System.Collections.Concurrent;
using System.Text.Json;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

/// <summary>Per-session <see cref="RtviSession.About"/> and <see cref="RtviSession.SetInitialConfig"/>, set by hooks before bot-ready.</summary>
public sealed class SessionSetupTests
{
    private static readonly RtviServiceConfig[] s_breeze = [new("tts", [RtviOptionValue.Of("voice", "breeze")])];

    private static RtviRegistry Registry(ConcurrentQueue<string>? applied = null) => new RtviRegistryBuilder()
        .AddService("tts")
        .AddOption("tts", "voice", RtviWireType.String, value => (_, _) =>
        {
            applied?.Enqueue(value.GetString()!);
            return default;
        })
        .Build();

    private static RtviServerOptions Options(RtviProtocolMode mode, Func<RtviSession, RtviClientReady, CancellationToken, ValueTask> onClientReady)
    {
        var options = new RtviServerOptions { Mode = mode, InitialConfig = [new("tts", [RtviOptionValue.Of("voice", "aurora")])] };
        options.Hooks.OnClientReady = onClientReady;
        return options;
    }

    private static async Task<RtviSession> ReadySessionAsync(Transcript t)
    {
        await t.Handshake("2.1.0");
        return await t.Started;
    }

    [Fact]
    public async Task About_set_in_OnClientReady_is_sent_in_bot_ready()
    {
        await using var t = Start(Registry(), Options(RtviProtocolMode.V2, (session, _, _) =>
        {
            session.About = new RtviAbout("tenant-bot", "3.1.4");
            return default;
        }));

        var botReady = await t.Handshake("2.1.0");

        Assert.Equal("tenant-bot", (string?)botReady["data"]!["about"]!["library"]);
        Assert.Equal("3.1.4", (string?)botReady["data"]!["about"]!["library_version"]);
    }

    [Fact]
    public async Task About_set_in_OnSessionStarted_is_sent_in_bot_ready()
    {
        var options = new RtviServerOptions { Mode = RtviProtocolMode.V2 };
        options.Hooks.OnSessionStarted = (session, _) =>
        {
            session.About = new RtviAbout("early-bot", null);
            return default;
        };
        await using var t = Start(Registry(), options);

        var botReady = await t.Handshake("2.1.0");

        Assert.Equal("early-bot", (string?)botReady["data"]!["about"]!["library"]);
    }

    [Fact]
    public async Task Initial_config_set_in_OnClientReady_is_applied_and_sent_in_bot_ready()
    {
        var applied = new ConcurrentQueue<string>();
        await using var t = Start(Registry(applied), Options(RtviProtocolMode.V0_3, (session, _, _) =>
        {
            session.SetInitialConfig(s_breeze);
            return default;
        }));

        var botReady = await t.Handshake();

        Assert.Equal("breeze", (string?)botReady["data"]!["config"]![0]!["options"]![0]!["value"]);
        Assert.Equal(["breeze"], applied);
    }

    [Fact]
    public async Task Setting_About_after_bot_ready_throws()
    {
        await using var t = Start(Registry(), Options(RtviProtocolMode.V2, (_, _, _) => default));
        var session = await ReadySessionAsync(t);

        Assert.Throws<InvalidOperationException>(() => session.About = new RtviAbout("late", null));
    }

    [Fact]
    public async Task SetInitialConfig_after_bot_ready_throws()
    {
        await using var t = Start(Registry(), Options(RtviProtocolMode.V2, (_, _, _) => default));
        var session = await ReadySessionAsync(t);

        Assert.Throws<InvalidOperationException>(() => session.SetInitialConfig(s_breeze));
    }

    [Fact]
    public async Task SetInitialConfig_with_an_unregistered_option_throws_and_changes_nothing()
    {
        Exception? error = null;
        await using var t = Start(Registry(), Options(RtviProtocolMode.V0_3, (session, _, _) =>
        {
            error = Record.Exception(() => session.SetInitialConfig([new("tts", [RtviOptionValue.Of("pitch", 2.0)])]));
            return default;
        }));

        var botReady = await t.Handshake();

        Assert.IsType<ArgumentException>(error);
        Assert.Equal("aurora", (string?)botReady["data"]!["config"]![0]!["options"]![0]!["value"]);
    }

    [Fact]
    public async Task SetInitialConfig_with_a_value_of_the_wrong_type_throws()
    {
        Exception? error = null;
        await using var t = Start(Registry(), Options(RtviProtocolMode.V0_3, (session, _, _) =>
        {
            error = Record.Exception(() => session.SetInitialConfig([new("tts", [RtviOptionValue.Of("voice", 2.0)])]));
            return default;
        }));

        await t.Handshake();

        Assert.IsType<ArgumentException>(error);
    }
}
