namespace PushChat.Benchmarks.Serving;

/// <summary>
/// The servers a run may name with <c>--servers</c>: PushChat once per transport its readers use
/// (the same server process each time, posts always by <c>POST /say</c>), and the baselines: the
/// raw ceiling with plain lines, the raw ceiling sending PushChat's own bytes per line in each of
/// its reader formats, and the Kestrel chat; a name ending in <c>-tls</c> is the same server over
/// TLS (PushChat's own, Kestrel's HTTPS).
/// </summary>
internal static class ServerKinds
{
    private const string TlsSuffix = "-tls";

    /// <summary>Every server, in the order reports list them: each TLS server after its plain twin.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        "pushchat", "pushchat-tls", "pushchat-sse", "pushchat-sse-tls", "pushchat-ws", "pushchat-ws-tls", "raw", "raw-frame", "raw-sse", "raw-ws", "kestrel", "kestrel-tls",
    };

    /// <summary>The servers run when <c>--servers</c> is not given: every plain one, and the forever frame and Kestrel over TLS.</summary>
    public static IReadOnlyList<string> Default { get; } = new[] { "pushchat", "pushchat-tls", "pushchat-sse", "pushchat-ws", "raw", "raw-frame", "raw-sse", "raw-ws", "kestrel", "kestrel-tls" };

    public static bool IsPushChat(string server) => PlainTwin(server) is "pushchat" or "pushchat-sse" or "pushchat-ws";

    /// <summary>Whether the server is spoken to over TLS.</summary>
    public static bool IsTls(string server) => server.EndsWith(TlsSuffix, StringComparison.Ordinal);

    /// <summary>The same server without TLS (the server itself when it is plain).</summary>
    public static string PlainTwin(string server) => IsTls(server) ? server[..^TlsSuffix.Length] : server;

    /// <summary>Whether the server is the raw ceiling sending PushChat's bytes in one of its formats.</summary>
    public static bool IsSameBytesCeiling(string server) => server is "raw-frame" or "raw-sse" or "raw-ws";

    /// <summary>The ceiling sending the same bytes per line as a PushChat server's readers get; null for other servers.</summary>
    public static string? SameBytesCeiling(string server) => server switch
    {
        "pushchat" => "raw-frame",
        "pushchat-sse" => "raw-sse",
        "pushchat-ws" => "raw-ws",
        _ => null,
    };

    /// <summary>The load client's transport for the server's readers.</summary>
    public static string Transport(string server) => PlainTwin(server) switch
    {
        "pushchat" => "forever",
        "pushchat-sse" => "events",
        "pushchat-ws" => "ws",
        "kestrel" => "sse",
        "raw" => "raw",
        "raw-frame" or "raw-sse" or "raw-ws" => server,
        _ => throw Unknown(server),
    };

    public static int Order(string server)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == server)
            {
                return i;
            }
        }

        return All.Count;
    }

    public static ArgumentException Unknown(string server) => new($"Unknown server '{server}' ({string.Join(", ", All)}).");
}
