namespace PushChat.Internal.Chat.State;

/// <summary>
/// The four sentences of one moderation notice: plain, naming who did it, giving the reason, and
/// both; each a whole sentence, so that every language orders its parts its own way.
/// </summary>
internal sealed record ToldKeys(string Plain, string By, string Because, string ByBecause);
