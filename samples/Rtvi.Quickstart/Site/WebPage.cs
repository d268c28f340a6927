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

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> s_files = Load();

    /// <summary>The request paths the page is made of.</summary>
    public static IEnumerable<string> Paths => s_files.Keys.Append("/");

    /// <summary>Writes the file for the request path (<c>/</c> is <c>index.html</c>), or 404.</summary>
    public static Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value is null or "/" ? "/index.html" : context.Request.Path.Value;
        if (!s_files.TryGetValue(path, out var file))
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

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(WebPage).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("web/", StringComparison.Ordinal))
            {
                continue;
            }
            files["/" + name["web/".Length..]] = (Read(assembly, name), ContentType(name));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

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
