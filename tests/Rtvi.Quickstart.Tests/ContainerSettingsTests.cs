using Rtvi.Package.Tests;

namespace Rtvi.Quickstart.Tests;

/// <summary>
/// The quickstart's container settings (dotnet publish -t:PublishContainer) as MSBuild evaluates them: the base image
/// cannot be pulled here, so the test asks MSBuild which one the SDK would use instead of building the image.
/// </summary>
public sealed class ContainerSettingsTests
{
    private static readonly Lazy<Task<JsonElement>> s_evaluated = new(EvaluateAsync);

    private static async Task<JsonElement> EvaluateAsync()
    {
        var project = Path.Combine(Repository.Root, "samples", "Rtvi.Quickstart", "Rtvi.Quickstart.csproj");
        var result = await Dotnet.RunAsync(Path.GetDirectoryName(project)!, null, TimeSpan.FromMinutes(2), null,
            "msbuild", project, "-nologo", "-t:ComputeContainerBaseImage", "-p:RuntimeIdentifier=linux-x64", "-p:RtviSkipWebBuild=true",
            "-getProperty:ContainerBaseImage", "-getProperty:ContainerRepository", "-getProperty:ContainerImageTags",
            "-getProperty:ContainerUser", "-getProperty:PublishAot", "-getProperty:Version",
            "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariable");
        Assert.True(result.ExitCode == 0, "dotnet msbuild failed:\n" + result.Output);
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }

    private static async Task<string?> PropertyAsync(string name) =>
        (await s_evaluated.Value).GetProperty("Properties").GetProperty(name).GetString();

    private static async Task<JsonElement[]> ItemsAsync(string name) =>
        [.. (await s_evaluated.Value).GetProperty("Items").GetProperty(name).EnumerateArray()];

    [Fact]
    public async Task The_Native_AOT_image_is_based_on_the_chiseled_runtime_deps_image_of_the_target_framework()
    {
        Assert.Equal("true", await PropertyAsync("PublishAot"));
        Assert.EndsWith("/dotnet/runtime-deps:10.0-noble-chiseled", await PropertyAsync("ContainerBaseImage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_is_named_rtvi_quickstart_and_tagged_with_the_version_and_latest()
    {
        Assert.Equal("rtvi-quickstart", await PropertyAsync("ContainerRepository"));
        Assert.Equal($"{await PropertyAsync("Version")};latest", await PropertyAsync("ContainerImageTags"));
    }

    [Fact]
    public async Task The_image_exposes_port_8080_where_Kestrel_listens_as_a_non_root_user()
    {
        var port = Assert.Single(await ItemsAsync("ContainerPort"));
        Assert.Equal(("8080", "tcp"), (port.GetProperty("Identity").GetString(), port.GetProperty("Type").GetString()));
        var variable = Assert.Single(await ItemsAsync("ContainerEnvironmentVariable"), v => v.GetProperty("Identity").GetString() == "ASPNETCORE_HTTP_PORTS");
        Assert.Equal("8080", variable.GetProperty("Value").GetString());
        Assert.Equal("app", await PropertyAsync("ContainerUser"));
    }
}
