using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Rtvi.Package.Tests;

/// <summary>
/// Packs the packages (the three libraries and the Rtvi.Templates template package) once (from the already built projects, no build) into a local folder feed in a temp
/// workspace, with an isolated packages folder so nothing comes from, or goes to, the user's global package cache.
/// The workspace has its own nuget.config (the feed added to the machine's configured sources) and empty
/// Directory.Build/Packages files, so the fresh apps see nothing of this repository.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static readonly string[] PackageIds = ["Rtvi", "Rtvi.AspNetCore", "Rtvi.Extensions.AI", "Rtvi.Templates"];
    private static readonly string[] Projects =
        ["src/Rtvi.Runtime", "src/Rtvi.AspNetCore", "src/Rtvi.Extensions.AI", "templates/Rtvi.Templates"];

    private readonly Dictionary<string, Task<string>> _templateApps = [];

    public string Workspace { get; } = Path.Combine(Path.GetTempPath(), "rtvi-package-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string Feed => Path.Combine(Workspace, "feed");

    public string PackagesFolder => Path.Combine(Workspace, "packages");

    public string RepositoryRoot { get; } = Repository.Root;

    /// <summary>The packages' version (Directory.Build.props), read from the Rtvi package.</summary>
    public string Version { get; private set; } = "";

    /// <summary>For every child dotnet process: restore into the isolated folder only.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesFolder);
        File.WriteAllText(Path.Combine(Workspace, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- No <clear/>: the machine's configured sources stay; the local feed with the packages under test is added. -->
              <packageSources>
                <add key="rtvi-local" value="{Feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{PackagesFolder}" />
              </config>
            </configuration>
            """);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Workspace, name), "<Project />\n");
        }

        foreach (var project in Projects)
        {
            var path = Path.Combine(RepositoryRoot, project, Path.GetFileName(project) + ".csproj");
            var result = await Dotnet.RunAsync(Workspace, Environment, TimeSpan.FromMinutes(2), null,
                "pack", path, "-c", Configuration, "--no-build", "-o", Feed, "-nologo", "-nodeReuse:false",
                // The nuspec goes to the workspace, not the repository's obj folder.
                "-p:NuspecOutputPath=" + Path.Combine(Workspace, "nuspec", Path.GetFileName(project)) + Path.DirectorySeparatorChar);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed ({result.ExitCode}):\n{result.Output}");
            }
        }

        var rtvi = Directory.GetFiles(Feed, "*.nupkg").Select(Path.GetFileName).Select(f => Regex.Match(f!, @"^Rtvi\.(\d.*)\.nupkg$"))
            .Single(m => m.Success);
        Version = rtvi.Groups[1].Value;
    }

    public Task DisposeAsync()
    {
        if (System.Environment.GetEnvironmentVariable("RTVI_KEEP_PACKAGE_TESTS") is null)
        {
            try
            {
                Directory.Delete(Workspace, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return Task.CompletedTask;
    }

    public ZipArchive OpenPackage(string id, string? version = null) =>
        ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{version ?? Version}.nupkg"));

    public static XDocument ReadNuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>Copies the fresh app sources <paramref name="sources"/> (folders under FreshApps/) into a new app folder.</summary>
    public string CreateApp(string name, params string[] sources)
    {
        var directory = Path.Combine(Workspace, name);
        Directory.CreateDirectory(directory);
        foreach (var source in sources)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FreshApps", source)))
            {
                var target = Path.Combine(directory, Path.GetFileName(file));
                // Every app's project file is named after its folder.
                if (file.EndsWith(".csproj", StringComparison.Ordinal))
                {
                    target = Path.Combine(directory, name + ".csproj");
                }
                File.Copy(file, target);
            }
        }
        return directory;
    }

    /// <summary>
    /// Installs the template package from the feed into an isolated template hive (never the user's) and creates a
    /// project with <c>dotnet new <paramref name="shortName"/> -n <paramref name="name"/></c>, once per name; the new folder.
    /// </summary>
    public Task<string> CreateFromTemplateAsync(string shortName, string name)
    {
        lock (_templateApps)
        {
            if (!_templateApps.TryGetValue(name, out var created))
            {
                _templateApps[name] = created = CreateFromTemplateCoreAsync(shortName, name);
            }
            return created;
        }
    }

    private async Task<string> CreateFromTemplateCoreAsync(string shortName, string name)
    {
        var hive = Path.Combine(Workspace, "template-hive");
        var install = await Dotnet.RunAsync(Workspace, Environment, TimeSpan.FromMinutes(2), null,
            "new", "install", Path.Combine(Feed, $"Rtvi.Templates.{Version}.nupkg"), "--debug:custom-hive", hive);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet new install failed ({install.ExitCode}):\n{install.Output}");
        }
        var create = await Dotnet.RunAsync(Workspace, Environment, TimeSpan.FromMinutes(2), null,
            "new", shortName, "-n", name, "--debug:custom-hive", hive);
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet new {shortName} failed ({create.ExitCode}):\n{create.Output}");
        }
        return Path.Combine(Workspace, name);
    }

    /// <summary>Restores (from the feed and the machine's sources) and builds an app; the build output, all of it.</summary>
    public Task<Dotnet.Result> BuildAsync(string appDirectory, params string[] extra) =>
        Dotnet.RunAsync(appDirectory, Environment, TimeSpan.FromMinutes(3), null,
            ["build", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:RtviVersion=" + Version, .. extra]);

    /// <summary>Publishes an app with Native AOT for this machine's runtime into <c>&lt;app&gt;/publish</c>; the publish output, all of it.</summary>
    public Task<Dotnet.Result> PublishAotAsync(string appDirectory) =>
        Dotnet.RunAsync(appDirectory, Environment, TimeSpan.FromMinutes(6), null,
            "publish", "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-o", Path.Combine(appDirectory, "publish"),
            "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:RtviVersion=" + Version);
}
