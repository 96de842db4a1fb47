using System;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// The one deadline a connection keeps and what it stands for at each step: the first byte after
/// the accept, the rest of a request head, the idle time between requests, the last bytes of a
/// close. The receive loop, a handler's answer and the heartbeat all touch it, on their own
/// threads; kept apart so the connection's loop reads as requests and answers, not timestamps.
/// </summary>
internal sealed class ConnectionDeadline
{
    private readonly TimeProvider _time;
    private readonly ChatServerLimits _limits;
    private readonly long _acceptedAt;
    private long _deadline;

    // When the request being answered arrived: its keep-alive time counts from then.
    private long _requestReceived;
    private bool _partialRequest;
    private bool _servedRequest;

    /// <summary>Starts timing a connection accepted now.</summary>
    public ConnectionDeadline(TimeProvider time, ChatServerLimits limits)
    {
        _time = time;
        _limits = limits;
        _acceptedAt = time.GetTimestamp();

        // A socket that sends nothing only holds a slot; one that starts a request has until
        // RequestTimeout after it was accepted to finish its head, however it trickles.
        Arm(limits.FirstByteTimeout < limits.RequestTimeout ? limits.FirstByteTimeout : limits.RequestTimeout);
    }

    /// <summary>Stops the clock: a whole request arrived, or another protocol keeps its own time.</summary>
    public void Disarm() => Interlocked.Exchange(ref _deadline, 0);

    /// <summary>Sets the deadline <paramref name="fromNow"/> ahead, whatever it was.</summary>
    public void Arm(TimeSpan fromNow) => Arm(fromNow, _time.GetTimestamp());

    /// <summary>
    /// Notes that the request about to be answered arrived now. The idle time after an answer
    /// counts from before it went out: a client that reads the answer at once must never find its
    /// keep-alive time started later.
    /// </summary>
    public void RequestReceived() => Interlocked.Exchange(ref _requestReceived, _time.GetTimestamp());

    /// <summary>
    /// Starts the keep-alive time of the request being answered. Called while its answer is
    /// queued, before the client can read it, and again once the request is done.
    /// </summary>
    public void ArmKeepAlive() => Arm(_limits.KeepAliveTimeout, Interlocked.Read(ref _requestReceived));

    /// <summary>
    /// After a request was handled: bytes of the next one already here get the request time,
    /// otherwise the keep-alive time runs, when the connection still takes requests.
    /// </summary>
    public void RequestDone(bool nextStarted, bool takesRequests)
    {
        _servedRequest = true;
        _partialRequest = nextStarted;
        if (!takesRequests)
        {
            return;
        }

        if (nextStarted)
        {
            Arm(_limits.RequestTimeout);
        }
        else
        {
            ArmKeepAlive();
        }
    }

    /// <summary>Bytes of a request have come that do not make a whole one yet.</summary>
    public void RequestStarted()
    {
        if (_partialRequest)
        {
            return;
        }

        // The first request's time runs from the accept, later ones' from their first byte: never restarted.
        _partialRequest = true;
        Arm(_limits.RequestTimeout, _servedRequest ? _time.GetTimestamp() : _acceptedAt);
    }

    /// <summary>Called by the heartbeat: once the deadline passed, says once which time ran out.</summary>
    public DeadlineExpiry Expire(long now)
    {
        var deadline = Interlocked.Read(ref _deadline);
        if (deadline == 0 || now < deadline || Interlocked.CompareExchange(ref _deadline, 0, deadline) != deadline)
        {
            return DeadlineExpiry.None;
        }

        // Also for a socket silent since it connected: RFC 9110 §15.5.9 allows a 408 on an unused connection.
        return _partialRequest || !_servedRequest ? DeadlineExpiry.RequestTimeout : DeadlineExpiry.Idle;
    }

    private void Arm(TimeSpan after, long start) =>
        Interlocked.Exchange(ref _deadline, start + (long)(after.TotalSeconds * _time.TimestampFrequency));
}
