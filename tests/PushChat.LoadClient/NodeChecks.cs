using System.Diagnostics;

namespace PushChat.LoadClient;

/// <summary>
/// What the client checks of a chat spread over nodes: that every node counts every reader in
/// before measuring, and, when lines went missing, which readers on which node missed them.
/// </summary>
internal static class NodeChecks
{
    // A node of a scaled-out chat counts a user in once the stream's opening has come back through
    // the backplane; until then it refuses the session's posts (409). Measuring starts once every
    // node has every reader in (or the server closed the reader's stream meanwhile).
    public static async Task<bool> AllJoinedAsync(NodeGroup nodes, Run run, ClientOptions options)
    {
        var watch = Stopwatch.StartNew();
        var lastReport = 0.0;
        while (true)
        {
            var each = nodes.Each();
            if (each.Any(s => s.Joined < 0))
            {
                return true;
            }

            var closed = run.ClosedCount;
            var fewest = each.Min(s => s.Joined);
            if (fewest + closed >= (options.ChatReaders ?? options.Readers))
            {
                if (watch.Elapsed.TotalSeconds >= 0.1 || closed > 0)
                {
                    Console.WriteLine($"# every node counted every reader in after {watch.Elapsed.TotalSeconds:F1} s more{(closed > 0 ? $"; {closed} readers' streams were closed by the server before that" : string.Empty)}");
                }

                return true;
            }

            if (watch.Elapsed.TotalSeconds > options.SyncTimeoutSeconds)
            {
                Console.WriteLine($"ERROR only {fewest} of {options.ChatReaders ?? options.Readers} readers joined within {options.SyncTimeoutSeconds} s");
                return false;
            }

            if (watch.Elapsed.TotalSeconds - lastReport >= 5)
            {
                lastReport = watch.Elapsed.TotalSeconds;
                Console.WriteLine($"# waiting for every node to count every reader in: {string.Join(", ", each.Select(s => s.Joined))} of {options.ChatReaders ?? options.Readers} ({lastReport:F0} s)");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    // Which readers missed lines, on which node, and whether the server closed their streams.
    public static void DescribeShortfall(Reader[] counted, long[] receivedBefore, long posts)
    {
        var shortReaders = counted.Select((r, i) => (Reader: r, Got: Volatile.Read(ref r.Received) - receivedBefore[i])).Where(x => x.Got < posts).ToArray();
        var byNode = string.Join(", ", shortReaders.GroupBy(x => x.Reader.Node).OrderBy(g => g.Key).Select(g => $"node {g.Key}: {g.Count()}"));
        var closed = shortReaders.Count(x => Volatile.Read(ref x.Reader.Closed));
        var fewest = shortReaders.Length > 0 ? shortReaders.Min(x => x.Got) : posts;
        Console.WriteLine($"# behind: {shortReaders.Length} readers missed lines ({byNode}); {closed} of them had their stream closed; the fewest received {fewest} of {posts}");
    }
}
