using System;
using System.Collections.Generic;

namespace PushChat.Internal.Http;

/// <summary>Request headers in arrival order; a request has few, so lookups are linear.</summary>
internal sealed class HttpHeaders
{
    private readonly List<KeyValuePair<string, string>> _fields = new();

    public int Count => _fields.Count;

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public void Add(string name, string value) => _fields.Add(new KeyValuePair<string, string>(name, value));

    public string? this[string name]
    {
        get
        {
            foreach (var field in _fields)
            {
                if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return field.Value;
                }
            }

            return null;
        }
    }

    public int CountOf(string name)
    {
        var count = 0;
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when a comma-separated header (such as Connection) lists the token.</summary>
    public bool ContainsToken(string name, string token)
    {
        foreach (var field in _fields)
        {
            if (!string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var part in field.Value.Split(','))
            {
                if (string.Equals(part.Trim(), token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
