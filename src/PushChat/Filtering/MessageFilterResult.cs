using System;

namespace PushChat.Filtering;

/// <summary>The answer of an <see cref="IMessageFilter"/>.</summary>
public sealed class MessageFilterResult
{
    /// <summary>RFC 9110 §15.5.21: the request was understood, but its content is refused.</summary>
    private const int DefaultRejectionStatus = 422;

    private static readonly MessageFilterResult AllowResult = new(true, null, null, 0);

    private MessageFilterResult(bool allowed, string? text, string? rejectionReason, int statusCode)
    {
        IsAllowed = allowed;
        Text = text;
        RejectionReason = rejectionReason;
        StatusCode = statusCode;
    }

    /// <summary>Whether the message may go on (possibly rewritten).</summary>
    public bool IsAllowed { get; }

    /// <summary>The rewritten text, or <see langword="null"/> to keep the text as it was.</summary>
    public string? Text { get; }

    /// <summary>Why the message was rejected, shown to the sender.</summary>
    public string? RejectionReason { get; }

    /// <summary>
    /// The HTTP status the rejected post is answered with (the talk page with the reason):
    /// 422 unless the filter chose another 4xx, for example 429 for a rate limit. 0 when the
    /// message is allowed.
    /// </summary>
    public int StatusCode { get; }

    /// <summary>Lets the message through unchanged.</summary>
    /// <returns>The allowing result.</returns>
    public static MessageFilterResult Allow() => AllowResult;

    /// <summary>Lets the message through with a new text.</summary>
    /// <param name="text">The text to post instead; must not be empty.</param>
    /// <returns>The rewriting result.</returns>
    public static MessageFilterResult Rewrite(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("A rewritten message needs text; reject it instead.", nameof(text));
        }

        return new MessageFilterResult(true, text, null, 0);
    }

    /// <summary>Stops the message with 422 (Unprocessable Content); the sender sees the reason and keeps their text.</summary>
    /// <param name="reason">Why, in words for the sender.</param>
    /// <returns>The rejecting result.</returns>
    public static MessageFilterResult Reject(string reason) => Reject(reason, DefaultRejectionStatus);

    /// <summary>Stops the message with a status of the filter's choosing; the sender sees the reason and keeps their text.</summary>
    /// <param name="reason">Why, in words for the sender.</param>
    /// <param name="statusCode">
    /// A client error status (400–499), for example 429 (Too Many Requests) for a rate limit or
    /// 403 (Forbidden) for a user who may not post. Prefer one that needs no further header
    /// fields: RFC 9110 requires some with 401, 405, 407 and 426, and the talk page carries none.
    /// </param>
    /// <returns>The rejecting result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a 4xx status.</exception>
    public static MessageFilterResult Reject(string reason, int statusCode)
    {
        if (string.IsNullOrEmpty(reason))
        {
            throw new ArgumentException("A rejection needs a reason for the sender.", nameof(reason));
        }

        // RFC 9110 §15.5: the sender can do something about a 4xx; a 5xx would blame the server for the filter's decision.
        if (statusCode is < 400 or > 499)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A rejection is a client error: use a status from 400 to 499.");
        }

        return new MessageFilterResult(false, null, reason, statusCode);
    }
}
