using System.Globalization;
using System.Text;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// What a room name may be: 1 to 32 letters, digits, spaces, '-' and '_', trimmed. Names are one
/// room whatever their case; a name that only looks like another room's (by its confusable
/// skeleton: other scripts' look-alike letters, digits for letters, compatibility forms) is
/// refused, so nobody can open a double of a room.
/// </summary>
internal static class RoomNameRules
{
    public const int MaxLength = 32;

    public static string Normalize(string name) => (name ?? string.Empty).Trim().Normalize(NormalizationForm.FormC);

    /// <summary>Returns why the name is refused, or <see langword="null"/> when it is fine.</summary>
    public static LocalText? Check(string name)
    {
        if (name.Length == 0)
        {
            return LocalText.Of(StateTexts.RoomNameEmpty);
        }

        if (name.Length > MaxLength)
        {
            return LocalText.Of(StateTexts.RoomNameTooLong, ("max", MaxLength));
        }

        foreach (var c in name)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var allowed = char.IsLetterOrDigit(c) || c is ' ' or '-' or '_'
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!allowed)
            {
                return LocalText.Of(StateTexts.RoomNameCharacters);
            }
        }

        return null;
    }

    /// <summary>
    /// How a name looks: its UTS #39 confusable skeleton, as user names are compared
    /// (<see cref="Users.UserNames.Skeleton"/>: "Lоbby" with a Cyrillic о, "L0bby" and "ＬＯＢＢＹ"
    /// all look like "Lobby"), with runs of spaces as one.
    /// </summary>
    public static string LookKey(string name)
    {
        var folded = Users.UserNames.Skeleton(name);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c != ' ' || key.Length == 0 || key[key.Length - 1] != ' ')
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
