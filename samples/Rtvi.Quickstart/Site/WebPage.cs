using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Rtvi.Quickstart.Site;

/// <summary>Serves the bundled page (embedded in the assembly at build time from <c>web/dist</c>).</summary>
public static class WebPage
{
    private const string Placeholder = """
        <!doctype html><meta charset="utf-8"><title>Rtvi quickstart</title>
        <p>The web page was not bundled (built with <code>RtviSkipWebBuild=true</code>). Build once with Node.js/npm installed.</p>
        """;

    private const string ResourcePrefix = "web/";

    /// <summary>The request paths the page is made of (resource names only: the content is read at the first request).</summary>
    public static IEnumerable<string> Paths => Resources().Select(resource => resource.Path).Append("/");

    /// <summary>Writes the file for the request path (<c>/</c> is <c>index.html</c>), or 404.</summary>
    public static Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value is null or "/" ? "/index.html" : context.Request.Path.Value;
        if (!Content.Files.TryGetValue(path, out var file))
        {
            if (path != "/index.html")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            file = (System.Text.Encoding.UTF8.GetBytes(Placeholder), "text/html; charset=utf-8");
        }
        context.Response.ContentType = file.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentLength = file.Content.Length;
        return context.Response.Body.WriteAsync(file.Content, context.RequestAborted).AsTask();
    }

    /// <summary>The files, read from the assembly when the first request needs one (not while the bot starts).</summary>
    private static class Content
    {
        public static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

        private static FrozenDictionary<string, (byte[], string)> Load() => Resources().ToFrozenDictionary(
            resource => resource.Path, resource => (Read(typeof(WebPage).Assembly, resource.Name), ContentType(resource.Name)), StringComparer.Ordinal);
    }

    /// <summary>The page's embedded resources and the request path of each (<c>web/app.js</c> → <c>/app.js</c>).</summary>
    private static IEnumerable<(string Name, string Path)> Resources() => typeof(WebPage).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(name => (name, "/" + name[ResourcePrefix.Length..]));

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
}
