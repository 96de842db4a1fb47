namespace PushChat.Localization.Keys;

/// <summary>The keys of the words the chat frame puts around a line (Texts/*/lines.json).</summary>
internal static class LineTexts
{
    public const string WhisperTo = "line.whisper-to";
    public const string SaidTo = "line.said-to";
}
