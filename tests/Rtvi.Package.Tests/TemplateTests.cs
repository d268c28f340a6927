using System.Net.WebSockets;
using static Rtvi.Package.Tests.BotClient;

namespace Rtvi.Package.Tests;

/// <summary>
/// SLOW (a Native AOT publish among them): <c>dotnet new rtvi-bot</c> as a newcomer runs it, from the Rtvi.Templates
/// package in the local feed installed into an isolated template hive; the bot it creates references the packages of
/// the same feed.
/// </summary>
[Trait("Category", "Slow")]
[Collection(PackageCollection.Name)]
public sealed class TemplateTests(PackageFeed feed)
{
    private const string Name = "MyBot";

    private Task<string> CreateAsync() => feed.CreateFromTemplateAsync("rtvi-bot", Name);

    [Fact]
    public async Task The_created_bot_and_its_test_project_build_without_warnings()
    {
        var app = await CreateAsync();
        var build = await feed.BuildAsync(Path.Combine(app, Name + ".Tests"));
        Assert.True(build.ExitCode == 0, "The created bot did not build:\n" + build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        Assert.DoesNotContain(": warning ", build.Output);
        // The package reference carries the feed's version, stamped into the template when it was packed.
        Assert.Contains($"\"Rtvi.AspNetCore/{feed.Version}\"", File.ReadAllText(Path.Combine(app, Name, "obj", "project.assets.json")));
    }

    [Fact]
    public async Task The_created_bots_transcript_test_passes()
    {
        var app = await CreateAsync();
        var test = await Dotnet.RunAsync(app, feed.Environment, TimeSpan.FromMinutes(3), null,
            "test", Name + ".Tests", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(test.ExitCode == 0, "The created bot's tests failed:\n" + test.Output);
        Assert.Matches(@"Passed! +- Failed: +0, Passed: +1,", test.Output);
    }

    [Fact]
    public async Task The_created_bot_publishes_with_Native_AOT_without_IL_warnings_and_its_binary_answers_client_ready()
    {
        var app = await CreateAsync();
        var output = Path.Combine(app, "publish");
        var publish = await Dotnet.RunAsync(app, feed.Environment, TimeSpan.FromMinutes(5), null,
            "publish", Name, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(publish.ExitCode == 0, "The AOT publish failed:\n" + publish.Output);
        Assert.DoesNotMatch(@"(warning|error) IL[23]\d{3}", publish.Output);
        Assert.DoesNotContain(": warning ", publish.Output);
        var binary = Path.Combine(output, Name);
        Assert.True(File.Exists(binary), "No native binary:\n" + publish.Output);

        var port = FreePort();
        await using var bot = Dotnet.StartExecutable(binary, output, feed.Environment, "--urls", $"http://127.0.0.1:{port}");
        using var socket = await ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), bot, TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await SendAsync(socket, """{"label":"rtvi-ai","type":"client-ready","id":"r1","data":{"version":"2.1.0","about":{"library":"test"}}}""", timeout.Token);
        var ready = await ReceiveAsync(socket, timeout.Token);
        Assert.True(Is(ready, "bot-ready", "r1"), ready.ToString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }
}
