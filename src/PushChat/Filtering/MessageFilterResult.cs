using System;

namespace PushChat.Filtering;

/// <summary>The answer of an <see cref="IMessageFilter"/>.</summary>
public sealed class MessageFilterResult
{
    private static readonly MessageFilterResult AllowResult = new(true, null, null);

    private MessageFilterResult(bool allowed, string? text, string? rejectionReason)
    {
        IsAllowed = allowed;
        Text = text;
        RejectionReason = rejectionReason;
    }

    /// <summary>Whether the message may go on (possibly rewritten).</summary>
    public bool IsAllowed { get; }

    /// <summary>The rewritten text, or <see langword="null"/> to keep the text as it was.</summary>
    public string? Text { get; }

    /// <summary>Why the message was rejected, shown to the sender.</summary>
    public string? RejectionReason { get; }

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

        return new MessageFilterResult(true, text, null);
    }

    /// <summary>Stops the message; the sender sees the reason and keeps their text.</summary>
    /// <param name="reason">Why, in words for the sender.</param>
    /// <returns>The rejecting result.</returns>
    public static MessageFilterResult Reject(string reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            throw new ArgumentException("A rejection needs a reason for the sender.", nameof(reason));
        }

        return new MessageFilterResult(false, null, reason);
    }
}
