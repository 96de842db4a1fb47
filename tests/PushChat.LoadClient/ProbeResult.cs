namespace PushChat.LoadClient;

/// <summary>
/// What the prober saw during a phase: how fast the nodes let a new guest in and answered a post,
/// while every reader is connected and lines fan out.
/// </summary>
public sealed record ProbeResult
{
    public required long Logins { get; init; }
    public required long LoginsFailed { get; init; }
    public required double LoginP50Ms { get; init; }
    public required double LoginP99Ms { get; init; }
    public required double LoginMaxMs { get; init; }
    public required long Posts { get; init; }
    public required double PostP50Ms { get; init; }
    public required double PostP99Ms { get; init; }
    public required double PostMaxMs { get; init; }

    /// <summary>The probe posts' answers by status (a fresh guest without a stream has not joined: 409).</summary>
    public required Dictionary<int, long> PostStatuses { get; init; }
}
