namespace PushChat.Internal.Transport;

/// <summary>
/// Which time a connection's passed deadline measured, as <see cref="ConnectionDeadline"/> knows
/// it; the connection decides from its own state whether it can still answer.
/// </summary>
internal enum DeadlineExpiry
{
    /// <summary>The deadline has not passed, or another check acted on it already.</summary>
    None,

    /// <summary>A request took too long to arrive, or none came at all: a 408, when anything can be answered.</summary>
    RequestTimeout,

    /// <summary>The connection waited too long between requests, or its close took too long.</summary>
    Idle,
}
