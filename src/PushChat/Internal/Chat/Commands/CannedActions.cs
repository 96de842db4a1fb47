using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Localization;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// The talk frame's action picker: what each action says alone, and toward someone, in the
/// speaker's language (texts <c>action.KEY</c>, <c>action.KEY-to</c> with <c>{name}</c>, and the
/// picker's <c>action.KEY.label</c>). The line is said as the speaker says it, so every reader
/// reads the speaker's words, as with any line.
/// </summary>
internal static class CannedActions
{
    /// <summary>The actions' keys, in the picker's order.</summary>
    public static readonly IReadOnlyList<string> Keys = new[] { "wave", "smile", "hug", "laugh", "nod", "wink", "bow", "shrug", "cheer", "thank" };

    /// <summary>The picker's entries in <paramref name="language"/>: the key, and what the user sees.</summary>
    public static IReadOnlyList<TalkChoice> Choices(ChatLanguage language) =>
        Keys.Select(key => new TalkChoice(key, language.Format(LabelKey(key)))).ToArray();

    /// <summary>The action's words in <paramref name="language"/>, toward <paramref name="target"/> when given; null for an unknown key.</summary>
    public static string? Words(string key, string? target, ChatLanguage language)
    {
        var known = Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        return known is null ? null
            : target is null ? language.Format(AloneKey(known))
            : language.Format(TowardKey(known), ("name", target));
    }

    internal static string AloneKey(string key) => "action." + key;

    internal static string TowardKey(string key) => "action." + key + "-to";

    internal static string LabelKey(string key) => "action." + key + ".label";
}
