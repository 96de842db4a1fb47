using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// A server stop as one connection sees it: a request being answered is finished first, a
/// connection waiting between requests closes at once, and a request that would begin after the
/// stop is never acted on. The stop, the receive loop and the answer each run on their own
/// thread, so the hand-over is one compare-and-swap.
/// </summary>
internal sealed class GracefulStop
{
    private const int Idle = 0;
    private const int Handling = 1;
    private const int Stopped = 2;

    private int _activity;
    private int _requested;

    /// <summary>Whether the server began to stop.</summary>
    public bool Requested => Volatile.Read(ref _requested) != 0;

    /// <summary>False when the server stopped before this request began.</summary>
    public bool TryBeginRequest() => Interlocked.CompareExchange(ref _activity, Handling, Idle) == Idle;

    /// <summary>The request was answered; a stop that came meanwhile is the caller's to act on.</summary>
    public void EndRequest() => Interlocked.CompareExchange(ref _activity, Idle, Handling);

    /// <summary>Records the stop; true when no request is being answered, so the connection may close now.</summary>
    public bool Request()
    {
        Interlocked.Exchange(ref _requested, 1);
        return Interlocked.CompareExchange(ref _activity, Stopped, Idle) == Idle;
    }
}
