namespace PushChat.Rendering;

/// <summary>One entry of a picker in the talk frame: a colour or a canned action.</summary>
public sealed class TalkChoice
{
    /// <summary>Creates an entry.</summary>
    /// <param name="value">What the form sends when the entry is picked.</param>
    /// <param name="label">What the user sees, as plain text.</param>
    public TalkChoice(string value, string label)
    {
        Value = value;
        Label = label;
    }

    /// <summary>What the form sends when the entry is picked: a colour as <c>#rrggbb</c>, or an action's key.</summary>
    public string Value { get; }

    /// <summary>What the user sees, as plain text (escape it).</summary>
    public string Label { get; }
}
