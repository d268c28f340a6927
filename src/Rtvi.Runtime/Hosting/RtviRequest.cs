using System.Security.Claims;
using Microsoft.Extensions.Primitives;

namespace Rtvi;

/// <summary>
/// The request a session's connection came from (the WebSocket upgrade, for example), independent of the web framework:
/// its path, query string, headers and user. <see cref="RtviSession.Request"/>; <c>null</c> on transports without a
/// request (stdio, in-memory).
/// </summary>
/// <remarks>
/// <c>@pipecat-ai/websocket-transport</c> sends its token in the query string (<c>?token=…</c>): read it with
/// <c>session.Request?.Query["token"]</c>. Header names are compared without case, query keys too.
/// </remarks>
public sealed class RtviRequest
{
    private static readonly IReadOnlyDictionary<string, StringValues> s_empty = new Dictionary<string, StringValues>();

    /// <summary>Creates a request description; the dictionaries are copied.</summary>
    public RtviRequest(
        string path,
        IEnumerable<KeyValuePair<string, StringValues>>? query = null,
        IEnumerable<KeyValuePair<string, StringValues>>? headers = null,
        ClaimsPrincipal? user = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Query = Copy(query);
        Headers = Copy(headers);
        User = user ?? new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>The request path, e.g. <c>/ws</c>.</summary>
    public string Path { get; }

    /// <summary>The query string's parameters (a missing key: use <c>TryGetValue</c>).</summary>
    public IReadOnlyDictionary<string, StringValues> Query { get; }

    /// <summary>The request headers.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    /// <summary>The authenticated user (an anonymous principal when nobody authenticated).</summary>
    public ClaimsPrincipal User { get; }

    private static IReadOnlyDictionary<string, StringValues> Copy(IEnumerable<KeyValuePair<string, StringValues>>? values)
    {
        if (values is null)
        {
            return s_empty;
        }
        var copy = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            copy[key] = value;
        }
        return copy;
    }
}
