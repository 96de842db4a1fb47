namespace PushChat.Internal.Chat.Commands;

/// <summary>What a line typed in the talk box asks for: a line to say, or a command and its argument.</summary>
internal sealed record TalkCommand(TalkVerb Verb, string Argument);
