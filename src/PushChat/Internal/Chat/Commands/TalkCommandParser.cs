using System;
using System.Collections.Generic;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// Reads the talk box: <c>/name argument</c> is a command, anything else is said as typed. A line
/// that starts with two slashes says the rest with one, so a line can begin with a slash.
/// </summary>
internal static class TalkCommandParser
{
    private static readonly Dictionary<string, TalkVerb> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["msg"] = TalkVerb.Whisper,
        ["whisper"] = TalkVerb.Whisper,
        ["w"] = TalkVerb.Whisper,
        ["me"] = TalkVerb.Action,
        ["color"] = TalkVerb.Color,
        ["colour"] = TalkVerb.Color,
        ["ignore"] = TalkVerb.Ignore,
        ["unignore"] = TalkVerb.Unignore,
        ["join"] = TalkVerb.Join,
        ["rooms"] = TalkVerb.Rooms,
        ["topic"] = TalkVerb.Topic,
        ["who"] = TalkVerb.Who,
        ["help"] = TalkVerb.Help,
        ["?"] = TalkVerb.Help,
        ["kick"] = TalkVerb.Kick,
        ["ban"] = TalkVerb.Ban,
        ["banip"] = TalkVerb.BanAddress,
        ["unban"] = TalkVerb.Unban,
        ["mute"] = TalkVerb.Mute,
        ["unmute"] = TalkVerb.Unmute,
        ["ip"] = TalkVerb.LookUpAddress,
        ["op"] = TalkVerb.Op,
        ["deop"] = TalkVerb.Deop,
        ["close"] = TalkVerb.Close,
    };

    /// <summary>The command in <paramref name="typed"/>, or null with a hint for the sender when it names none.</summary>
    public static TalkCommand? Parse(string typed, out LocalText? hint)
    {
        hint = null;
        var text = typed.Trim();
        if (text.Length == 0 || text[0] != '/')
        {
            return new TalkCommand(TalkVerb.Say, text);
        }

        if (text.Length > 1 && text[1] == '/')
        {
            return new TalkCommand(TalkVerb.Say, text.Substring(1));
        }

        var space = text.IndexOf(' ');
        var name = space < 0 ? text.Substring(1) : text.Substring(1, space - 1);
        var argument = space < 0 ? string.Empty : text.Substring(space + 1).Trim();
        if (!Verbs.TryGetValue(name, out var verb))
        {
            hint = LocalText.Of(CommandTexts.Unknown, ("name", name));
            return null;
        }

        return new TalkCommand(verb, argument);
    }

    /// <summary>
    /// Splits "NAME text" where NAME may hold spaces: a quoted name, else the longest run of
    /// leading words that <paramref name="isName"/> knows, else the first word.
    /// </summary>
    public static (string Name, string Text) SplitName(string argument, Func<string, bool> isName)
    {
        if (argument.Length > 0 && argument[0] == '"')
        {
            var close = argument.IndexOf('"', 1);
            if (close > 0)
            {
                return (argument.Substring(1, close - 1).Trim(), argument.Substring(close + 1).Trim());
            }
        }

        var end = argument.Length;
        while (end > 0)
        {
            var candidate = argument.Substring(0, end).TrimEnd();
            if (isName(candidate))
            {
                return (candidate, argument.Substring(end).Trim());
            }

            end = candidate.LastIndexOf(' ');
        }

        var space = argument.IndexOf(' ');
        return space < 0 ? (argument, string.Empty) : (argument.Substring(0, space), argument.Substring(space + 1).Trim());
    }
}
