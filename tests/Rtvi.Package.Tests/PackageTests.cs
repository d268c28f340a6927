using System.Net.WebSockets;
using System.Text.Json;
using System.Xml.Linq;
using static Rtvi.Package.Tests.BotClient;

namespace Rtvi.Package.Tests;

/// <summary>
/// SLOW (about a minute; needs the machine's package sources for the Microsoft.Extensions.* dependencies): the NuGet
/// packages as a newcomer meets them. The packages are packed from the built projects into a local folder feed; fresh
/// apps outside the repository restore them into an isolated packages folder, build with the generator and analyzers
/// that ship inside the Rtvi package, and run.
/// </summary>
[Trait("Category", "Slow")]
[Collection(PackageCollection.Name)]
public sealed class PackageTests(PackageFeed feed)
{
    private const string Analyzers = "analyzers/dotnet/cs/";

    [Fact]
    public void Rtvi_package_has_the_runtime_in_lib_and_the_generator_analyzers_and_code_fixes_in_analyzers()
    {
        using var package = feed.OpenPackage("Rtvi");
        var entries = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) || n.StartsWith("analyzers/", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(
        [
            Analyzers + "Rtvi.Analyzers.CodeFixes.dll",
            Analyzers + "Rtvi.Analyzers.dll",
            Analyzers + "Rtvi.Generators.dll",
            "lib/net10.0/Rtvi.Runtime.dll",
            "lib/net10.0/Rtvi.Runtime.xml",
        ], entries);
        Assert.Contains(package.Entries, e => e.FullName == "README.md");

        var metadata = Metadata(package);
        Assert.Equal("Rtvi", Value(metadata, "id"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        // The generator and analyzer projects are build-order references only: never package dependencies.
        Assert.Equal(["Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options"],
            Dependencies(metadata).Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("Rtvi.AspNetCore")]
    [InlineData("Rtvi.Extensions.AI")]
    public void Companion_packages_depend_on_Rtvi_of_the_same_version_with_its_analyzers(string id)
    {
        using var package = feed.OpenPackage(id);
        Assert.Equal(["lib/net10.0/" + id + ".dll", "lib/net10.0/" + id + ".xml"],
            package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) || n.StartsWith("analyzers/", StringComparison.Ordinal)).Order());
        var metadata = Metadata(package);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        var rtvi = Assert.Single(Dependencies(metadata), d => d.Id == "Rtvi");
        Assert.Equal(feed.Version, rtvi.Version);
        // The default for a project dependency is exclude="Build,Analyzers", which would leave the app without the generator.
        Assert.Null(rtvi.Exclude);
    }

    [Fact]
    public async Task A_fresh_console_app_builds_without_warnings_and_its_generated_action_answers_over_stdio()
    {
        var app = feed.CreateApp("StdioBot", "Console");
        var build = await feed.BuildAsync(app);
        Assert.True(build.ExitCode == 0, "The fresh app did not build:\n" + build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        Assert.DoesNotContain(": warning ", build.Output);
        // The generator came from the package (the app's only reference) and wrote the registry.
        Assert.True(File.Exists(Path.Combine(app, "obj", "Release", "net10.0", "generated", "Rtvi.Generators",
            "Rtvi.Generators.RtviGenerator", "Rtvi.RtviGeneratedHandlers.g.cs")), "No generated registry:\n" + build.Output);
        // ...and from nowhere else: the assets file names the isolated folder and the package from the feed.
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains("\"Rtvi/" + feed.Version + "\"", assets);
        Assert.True(File.Exists(Path.Combine(feed.PackagesFolder, "rtvi", feed.Version, "analyzers", "dotnet", "cs", "Rtvi.Generators.dll")));

        const string Input = """
            {"label":"rtvi-ai","type":"client-ready","id":"r1","data":{}}
            {"label":"rtvi-ai","type":"action","id":"a1","data":{"service":"demo","action":"add","arguments":[{"name":"a","value":2},{"name":"b","value":40}]}}

            """;
        var run = await Dotnet.RunAsync(app, feed.Environment, TimeSpan.FromSeconds(60), Input.ReplaceLineEndings("\n"),
            Path.Combine(app, "bin", "Release", "net10.0", "StdioBot.dll"));
        Assert.True(run.ExitCode == 0, "The app failed:\n" + run.Output);

        var messages = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Contains(messages, m => Is(m, "bot-ready", "r1"));
        var response = Assert.Single(messages, m => Is(m, "action-response", "a1"));
        Assert.Equal(42, response.GetProperty("data").GetProperty("result").GetInt32());
    }

    [Fact]
    public async Task A_fresh_app_with_nested_records_and_no_serializer_context_builds_publishes_with_Native_AOT_without_warnings_and_answers_its_action()
    {
        var app = feed.CreateApp("RecordsBot", "Records");
        var build = await feed.BuildAsync(app);
        Assert.True(build.ExitCode == 0, "The fresh app did not build:\n" + build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        Assert.DoesNotContain(": warning ", build.Output);
        Assert.True(File.Exists(Path.Combine(app, "obj", "Release", "net10.0", "generated", "Rtvi.Generators",
            "Rtvi.Generators.RtviGenerator", "Rtvi.RtviGeneratedJson.g.cs")), "No generated JSON metadata:\n" + build.Output);

        var publish = await feed.PublishAotAsync(app);
        Assert.True(publish.ExitCode == 0, "Native AOT publish failed:\n" + publish.Output);
        Assert.DoesNotMatch(@"warning IL[23]\d{3}", publish.Output);
        Assert.DoesNotContain(": warning ", publish.Output);

        const string Input = """
            {"label":"rtvi-ai","type":"client-ready","id":"r1","data":{}}
            {"label":"rtvi-ai","type":"action","id":"a1","data":{"service":"orders","action":"place","arguments":[{"name":"order","value":{"customer":{"name":"Ada","address":{"city":"Oslo"}},"lines":[{"sku":"tea","quantity":2,"price":1.5},{"sku":"cup","quantity":1,"price":4}],"priority":"Rush"}}]}}
            {"label":"rtvi-ai","type":"action","id":"a2","data":{"service":"orders","action":"place","arguments":[{"name":"order","value":{"customer":{"name":null,"address":{"city":"Oslo"}},"lines":[]}}]}}

            """;
        var run = await Dotnet.RunProgramAsync(Path.Combine(app, "publish", "RecordsBot"), app, TimeSpan.FromSeconds(60), Input.ReplaceLineEndings("\n"));
        Assert.True(run.ExitCode == 0, "The native app failed:\n" + run.Output);

        var messages = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var response = Assert.Single(messages, m => Is(m, "action-response", "a1"));
        Assert.Equal("""{"customer":"Ada","city":"Oslo","priority":"Rush","total":{"items":3,"amount":7.0},"lines":[{"sku":"tea","quantity":2,"price":1.5},{"sku":"cup","quantity":1,"price":4}]}""",
            response.GetProperty("data").GetProperty("result").GetRawText());
        // A null for a non-nullable member is a binding error, not a default.
        var error = Assert.Single(messages, m => Is(m, "error-response", "a2"));
        Assert.Equal("Invalid message: 'order' does not match the expected shape", error.GetProperty("data").GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_broken_handler_in_a_fresh_app_fails_the_build_with_the_packaged_analyzers_diagnostic()
    {
        var app = feed.CreateApp("BrokenBot", "Console", "Broken");
        var build = await feed.BuildAsync(app);
        Assert.True(build.ExitCode != 0, "The broken app built:\n" + build.Output);
        Assert.Matches(@"BrokenService\.cs\(10,\d+\): error RTVI0002: Handler 'BrokenService\.Run' is async void", build.Output);
        // The generator skipped the broken handler and its output for the valid one compiled: only the analyzer speaks.
        Assert.DoesNotMatch(@"error CS\d{4}", build.Output);
    }

    [Fact]
    public async Task A_fresh_aspnetcore_app_gets_Rtvi_and_its_generator_through_Rtvi_AspNetCore_and_answers_over_a_WebSocket()
    {
        var app = feed.CreateApp("WebBot", "Web");
        var build = await feed.BuildAsync(app);
        Assert.True(build.ExitCode == 0, "The fresh web app did not build:\n" + build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        Assert.DoesNotContain(": warning ", build.Output);
        // AddGeneratedHandlers() exists only if the generator ran: it reached the app transitively, through Rtvi.AspNetCore.
        Assert.True(File.Exists(Path.Combine(app, "obj", "Release", "net10.0", "generated", "Rtvi.Generators",
            "Rtvi.Generators.RtviGenerator", "Rtvi.RtviGeneratedHandlers.g.cs")), "No generated registry:\n" + build.Output);

        // Run it: MapRtvi("/ws") from the package, the instance handler resolved per session from DI, JSON text framing.
        var port = FreePort();
        await using var web = Dotnet.Start(app, feed.Environment, Path.Combine(app, "bin", "Release", "net10.0", "WebBot.dll"),
            "--urls", $"http://127.0.0.1:{port}");
        using var socket = await ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), web, TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await SendAsync(socket, """{"label":"rtvi-ai","type":"client-ready","id":"r1","data":{}}""", timeout.Token);
        await SendAsync(socket, """{"label":"rtvi-ai","type":"action","id":"a1","data":{"service":"greeter","action":"hello","arguments":[{"name":"name","value":"NuGet"}]}}""", timeout.Token);
        var ready = await ReceiveAsync(socket, timeout.Token);
        Assert.True(Is(ready, "bot-ready", "r1"), ready.ToString());
        var response = await ReceiveAsync(socket, timeout.Token);
        Assert.True(Is(response, "action-response", "a1"), response.ToString());
        Assert.Equal("Hello, NuGet!", response.GetProperty("data").GetProperty("result").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    private static XElement Metadata(System.IO.Compression.ZipArchive package) =>
        PackageFeed.ReadNuspec(package).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static IEnumerable<(string Id, string Version, string? Exclude)> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!, (string?)e.Attribute("exclude")));
}
