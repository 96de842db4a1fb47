namespace PushChat.Benchmarks.Serving;

/// <summary>
/// The servers a run may name with <c>--servers</c>: PushChat once per transport its readers use
/// (the same server process each time, posts always by <c>POST /say</c>), and the two baselines.
/// </summary>
internal static class ServerKinds
{
    /// <summary>Every server, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = new[] { "pushchat", "pushchat-sse", "pushchat-ws", "raw", "kestrel" };

    public static bool IsPushChat(string server) => server is "pushchat" or "pushchat-sse" or "pushchat-ws";

    /// <summary>The load client's transport for the server's readers.</summary>
    public static string Transport(string server) => server switch
    {
        "pushchat" => "forever",
        "pushchat-sse" => "events",
        "pushchat-ws" => "ws",
        "kestrel" => "sse",
        "raw" => "raw",
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
