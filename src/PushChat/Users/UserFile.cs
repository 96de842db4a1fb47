using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace PushChat.Users;

/// <summary>
/// The account file's format: one JSON object holding the format version and a list of accounts,
/// each with exactly the fields <c>name</c>, <c>passwordHash</c>, <c>role</c> and optionally
/// <c>color</c>. Anything else is refused: a field this version does not know would be lost the
/// next time the file is written.
/// </summary>
internal static class UserFile
{
    public const int Version = 1;

    private const string VersionField = "version";
    private const string AccountsField = "accounts";
    private const string NameField = "name";
    private const string HashField = "passwordHash";
    private const string RoleField = "role";
    private const string ColorField = "color";

    /// <exception cref="InvalidDataException">The text is not a valid account file; the message names the line and position.</exception>
    public static List<UserAccount> Read(string text)
    {
        var reader = new UserFileReader(text);
        var accounts = new List<UserAccount>();
        var names = new HashSet<string>(AccountNameKey.Comparer);
        int? version = null;
        var sawAccounts = false;
        ReadObject(reader, "the file", field =>
        {
            switch (field)
            {
                case VersionField:
                    version = reader.ReadWholeNumber();
                    if (version != Version)
                    {
                        throw reader.Error($"format version {version} is not supported (this version of PushChat reads version {Version})");
                    }

                    break;
                case AccountsField:
                    sawAccounts = true;
                    reader.Expect('[');
                    if (reader.TryTake(']'))
                    {
                        break;
                    }

                    do
                    {
                        var account = ReadAccount(reader);
                        if (!names.Add(AccountNameKey.For(account.Name)))
                        {
                            throw reader.Error($"the name '{account.Name}' appears twice");
                        }

                        accounts.Add(account);
                    }
                    while (reader.TryTake(','));
                    reader.Expect(']');
                    break;
                default:
                    return false;
            }

            return true;
        });
        reader.ExpectEnd();
        if (version is null || !sawAccounts)
        {
            throw reader.Error($"the file needs both \"{VersionField}\" and \"{AccountsField}\"");
        }

        return accounts;
    }

    public static string Write(IEnumerable<UserAccount> accounts)
    {
        var json = new StringBuilder();
        json.Append("{\n  \"").Append(VersionField).Append("\": ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append(",\n  \"").Append(AccountsField).Append("\": [");
        var first = true;
        foreach (var account in accounts)
        {
            json.Append(first ? "\n" : ",\n");
            first = false;
            AppendRecord(json.Append("    "), account);
        }

        json.Append(first ? "]\n}\n" : "\n  ]\n}\n");
        return json.ToString();
    }

    /// <summary>One account as one line of the journal, with its line break: the same object as in the file's list.</summary>
    public static string WriteRecord(UserAccount account) => AppendRecord(new StringBuilder(), account).Append('\n').ToString();

    /// <summary>Reads one journal line (without its line break) holding one account.</summary>
    /// <param name="line">The line.</param>
    /// <param name="lineNumber">Its number in the journal, for the error message.</param>
    /// <exception cref="InvalidDataException">The line is not one account; the message names the line and position.</exception>
    public static UserAccount ReadRecord(string line, int lineNumber)
    {
        var reader = new UserFileReader(line, lineNumber);
        var account = ReadAccount(reader);
        reader.ExpectEnd();
        return account;
    }

    /// <summary>
    /// Refuses an account the reader would refuse later: a field with half of a surrogate pair
    /// would be written as an escape that no JSON reader accepts (RFC 8259 §8.2), and the file
    /// could not be opened again.
    /// </summary>
    /// <exception cref="ArgumentException">A field holds an unpaired surrogate.</exception>
    public static void EnsureStorable(UserAccount account)
    {
        if (HasUnpairedSurrogate(account.Name) || HasUnpairedSurrogate(account.PasswordHash) || (account.Color is { } color && HasUnpairedSurrogate(color)))
        {
            throw new ArgumentException("The account holds half of a UTF-16 surrogate pair, which an account file cannot store.", nameof(account));
        }
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static StringBuilder AppendRecord(StringBuilder json, UserAccount account)
    {
        json.Append("{ ");
        Field(json, NameField, account.Name).Append(", ");
        Field(json, HashField, account.PasswordHash).Append(", ");
        Field(json, RoleField, account.Role.ToString());
        if (account.Color is not null)
        {
            Field(json.Append(", "), ColorField, account.Color);
        }

        return json.Append(" }");
    }

    private static UserAccount ReadAccount(UserFileReader reader)
    {
        string? name = null;
        string? hash = null;
        ChatRole? role = null;
        string? color = null;
        ReadObject(reader, "an account", field =>
        {
            switch (field)
            {
                case NameField:
                    name = reader.ReadString();
                    if (name.Length == 0)
                    {
                        throw reader.Error("an account's name is empty");
                    }

                    break;
                case HashField:
                    hash = reader.ReadString();
                    if (hash.Length == 0)
                    {
                        throw reader.Error("an account's password hash is empty");
                    }

                    break;
                case RoleField:
                    var text = reader.ReadString();
                    role = text switch
                    {
                        nameof(ChatRole.Guest) => ChatRole.Guest,
                        nameof(ChatRole.User) => ChatRole.User,
                        nameof(ChatRole.Admin) => ChatRole.Admin,
                        _ => throw reader.Error($"'{text}' is not a role (use \"{nameof(ChatRole.User)}\" or \"{nameof(ChatRole.Admin)}\")"),
                    };
                    break;
                case ColorField:
                    color = reader.TryTakeNull() ? null : reader.ReadString();
                    break;
                default:
                    return false;
            }

            return true;
        });
        if (name is null || hash is null || role is null)
        {
            throw reader.Error($"an account needs \"{NameField}\", \"{HashField}\" and \"{RoleField}\"");
        }

        return new UserAccount(name, hash, role.Value, color);
    }

    /// <summary>Reads <c>{ "field": value, … }</c>, handing each field to <paramref name="readValue"/>, which returns false for an unknown field.</summary>
    private static void ReadObject(UserFileReader reader, string what, Func<string, bool> readValue)
    {
        reader.Expect('{');
        if (reader.TryTake('}'))
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            if (reader.Peek() != '"')
            {
                throw reader.Error($"expected a field name in {what}");
            }

            var field = reader.ReadString();
            if (!seen.Add(field))
            {
                throw reader.Error($"\"{field}\" appears twice in {what}");
            }

            reader.Expect(':');
            if (!readValue(field))
            {
                throw reader.Error($"\"{field}\" is not a field of {what}");
            }
        }
        while (reader.TryTake(','));
        reader.Expect('}');
    }

    private static StringBuilder Field(StringBuilder json, string field, string value)
    {
        json.Append('"').Append(field).Append("\": \"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    // RFC 8259 §7: control characters must be escaped. Surrogates are escaped
                    // too (a pair as two escapes), so the file stays plain ASCII around them.
                    if (c < ' ' || char.IsSurrogate(c))
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        return json.Append('"');
    }
}
