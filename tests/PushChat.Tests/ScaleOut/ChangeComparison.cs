using System.Collections;
using System.Net;
using System.Reflection;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;
using PushChat.Localization;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// Compares changes property by property, by content: a change holding a list, a text or an
/// audience is a different object after a round trip, and records compare those by reference.
/// </summary>
internal static class ChangeComparison
{
    public static IEnumerable<PropertyInfo> CarriedProperties(Type changeType) =>
        changeType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.Name != nameof(ChatChange.At));

    /// <summary>The differences, as "Property: expected … but was …"; empty when alike.</summary>
    public static List<string> Differences(ChatChange expected, ChatChange actual)
    {
        var differences = new List<string>();
        if (expected.GetType() != actual.GetType())
        {
            differences.Add($"type: expected {expected.GetType().Name} but was {actual.GetType().Name}");
            return differences;
        }

        foreach (var property in CarriedProperties(expected.GetType()))
        {
            var want = property.GetValue(expected);
            var got = property.GetValue(actual);
            if (!Alike(want, got))
            {
                differences.Add($"{property.Name}: expected {Show(want)} but was {Show(got)}");
            }
        }

        return differences;
    }

    public static bool Alike(object? want, object? got) => (want, got) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (LocalText a, LocalText b) => a.IsPlain == b.IsPlain && a.Key == b.Key && a.PlainText == b.PlainText
            && a.Arguments.Count == b.Arguments.Count
            && a.Arguments.Zip(b.Arguments).All(pair => pair.First.Name == pair.Second.Name && SameArgument(pair.First.Value, pair.Second.Value)),
        (LineAudience a, LineAudience b) => a.SessionIds is null
            ? b.SessionIds is null && ReferenceEquals(a, b)
            : b.SessionIds is not null && a.SessionIds.ToHashSet(StringComparer.Ordinal).SetEquals(b.SessionIds),
        (IPAddress a, IPAddress b) => a.Equals(b) && a.ToString() == b.ToString(),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (IEnumerable a, IEnumerable b) => a.Cast<object?>().SequenceEqual(b.Cast<object?>()),
        _ => want.GetType() == got.GetType() && want.Equals(got),
    };

    // An argument keeps its type too: a count written as an int is read back as one.
    private static bool SameArgument(object? want, object? got) =>
        want is LocalText || got is LocalText ? Alike(want, got) : (want is null ? got is null : want.GetType() == got?.GetType() && want.Equals(got));

    private static string Show(object? value) => value switch
    {
        null => "null",
        LocalText text => text.IsPlain ? $"Plain({text.PlainText})" : $"{text.Key}({string.Join(", ", text.Arguments.Select(a => a.Name + "=" + Show(a.Value) + ":" + a.Value?.GetType().Name))})",
        LineAudience audience => audience.SessionIds is null ? "Room" : $"Sessions({string.Join(", ", audience.SessionIds)})",
        string text => $"\"{text}\"",
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(Show))}]",
        _ => value.ToString() ?? string.Empty,
    };
}
