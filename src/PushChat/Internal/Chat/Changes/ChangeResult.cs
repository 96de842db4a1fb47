using PushChat.Localization;

namespace PushChat.Internal.Chat.Changes;

/// <summary>What applying a change did here: the line it numbered, or why it was refused.</summary>
internal readonly struct ChangeResult
{
    private ChangeResult(ChatMessage? line, LocalText? refusal, int statusCode)
    {
        Line = line;
        Refusal = refusal;
        StatusCode = statusCode;
    }

    public static ChangeResult Applied => default;

    public ChatMessage? Line { get; }

    /// <summary>Why the change was not applied, for the user; null when it was.</summary>
    public LocalText? Refusal { get; }

    public int StatusCode { get; }

    public bool IsRefused => Refusal is not null;

    public static ChangeResult Posted(ChatMessage line) => new(line, null, 0);

    public static ChangeResult Refused(int statusCode, LocalText reason) => new(null, reason, statusCode);
}
