using System;
using System.Text;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Names;

namespace PushChat.Users;

/// <summary>
/// Tells whether two user names look alike, so that a store or a host can refuse a name that would
/// pass for someone else's: "аlice" with a Cyrillic "а", "ａｌｉｃｅ" in full-width letters,
/// "AIice" with a capital I. Built on the confusable skeleton of Unicode Technical Standard #39,
/// section 4, with the data of confusables.txt (Unicode 16.0.0).
/// </summary>
/// <remarks>
/// A store keeps the skeleton of every name beside the name, and finds an account by either.
/// Names that differ only in case ("ALICE" and "alice") are one name by the store's own
/// case-insensitive match; their skeletons can differ (a capital I looks like a small l, a small i
/// does not), which is why <see cref="LookAlike"/> checks both.
/// </remarks>
public static class UserNames
{
    /// <summary>
    /// The name's look-alike key: the UTS #39 skeleton of its NFKC form, lower-cased, and the
    /// skeleton of that again, so look-alikes in either case ("B0B" and "bob") share one key.
    /// </summary>
    /// <param name="name">A user name.</param>
    /// <returns>A key for comparing and indexing names; not for showing.</returns>
    public static string Skeleton(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var skeleton = Confusables.Skeleton(name.Trim().Normalize(NormalizationForm.FormKC));
        return Confusables.Skeleton(skeleton.ToLowerInvariant());
    }

    /// <summary>
    /// Why the chat would refuse the name at login, or <see langword="null"/> when it may be used:
    /// for a host that creates accounts itself (a first administrator from its settings) and wants
    /// to refuse a name nobody could log in with before it stores it. Reserved names are not checked
    /// here (an administrator account may hold one).
    /// </summary>
    /// <param name="name">A user name, as typed.</param>
    /// <param name="maxLength">The longest name allowed, <see cref="ChatServerLimits.MaxUserNameLength"/>.</param>
    /// <returns>A sentence for the user, in English, or <see langword="null"/>.</returns>
    public static string? Check(string name, int maxLength)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return UserNameRules.Check(UserNameRules.Normalize(name), maxLength)?.ToString();
    }

    /// <summary>Whether the two names are one name without regard to case, or look alike.</summary>
    /// <param name="first">A user name.</param>
    /// <param name="second">Another user name.</param>
    /// <returns><see langword="true"/> when the second could pass for the first.</returns>
    public static bool LookAlike(string first, string second)
    {
        if (first is null)
        {
            throw new ArgumentNullException(nameof(first));
        }

        if (second is null)
        {
            throw new ArgumentNullException(nameof(second));
        }

        return string.Equals(first.Trim().Normalize(NormalizationForm.FormKC), second.Trim().Normalize(NormalizationForm.FormKC), StringComparison.OrdinalIgnoreCase)
            || string.Equals(Skeleton(first), Skeleton(second), StringComparison.Ordinal);
    }
}
