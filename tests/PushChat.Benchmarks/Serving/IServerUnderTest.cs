namespace PushChat.Benchmarks.Serving;

/// <summary>One of the servers the benchmark compares, hosted in the server process.</summary>
internal interface IServerUnderTest : IAsyncDisposable
{
    /// <summary>Starts listening on a free loopback port and returns it.</summary>
    Task<int> StartAsync();

    /// <summary>Readers cut off for falling behind, as the server counts them (0 when it never does).</summary>
    long DroppedSlowReaders { get; }

    /// <summary>Open connections, as the server counts them (-1 when it does not).</summary>
    long Connections { get; }

    /// <summary>Users in the chat (their join applied on this server), as the server counts them (-1 when it has no sessions).</summary>
    long Joined { get; }
}
