using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    // Names stay readable in the file: it is never placed in a page, so HTML's characters need
    // no escaping; control characters, quotes and backslashes are escaped as JSON requires, and
    // characters beyond the Basic Multilingual Plane as escaped surrogate pairs.
    private static readonly JavaScriptEncoder Readable = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly byte[] AccountIndent = "\n    "u8.ToArray();

    /// <exception cref="InvalidDataException">The text is not a valid account file; the message names the line and position.</exception>
    public static List<UserAccount> Read(string text)
    {
        var reader = new UserFileReader(text);
        var accounts = new List<UserAccount>();
        var names = new HashSet<string>(AccountNameKey.Comparer);
        int? version = null;
        var sawAccounts = false;
        Start(ref reader, "'{'");
        var fields = new HashSet<string>(StringComparer.Ordinal);
        while (NextField(ref reader, fields, "the file") is { } field)
        {
            switch (field)
            {
                case VersionField:
                    if (reader.Next("a whole number") != JsonTokenType.Number)
                    {
                        throw reader.Unexpected("a whole number");
                    }

                    version = reader.WholeNumber();
                    if (version != Version)
                    {
                        throw reader.Error($"format version {version} is not supported (this version of PushChat reads version {Version})");
                    }

                    break;
                case AccountsField:
                    sawAccounts = true;
                    if (reader.Next("'['") != JsonTokenType.StartArray)
                    {
                        throw reader.Unexpected("'['");
                    }

                    while (NextAccount(ref reader))
                    {
                        var account = ReadAccount(ref reader);
                        if (!names.Add(AccountNameKey.For(account.Name)))
                        {
                            throw reader.Error($"the name '{account.Name}' appears twice");
                        }

                        accounts.Add(account);
                    }

                    break;
                default:
                    throw reader.Error($"\"{field}\" is not a field of the file");
            }
        }

        reader.ExpectEnd();
        if (version is null || !sawAccounts)
        {
            throw reader.Error($"the file needs both \"{VersionField}\" and \"{AccountsField}\"");
        }

        return accounts;
    }

    /// <summary>The file: the format's version, then one account a line, each the object its journal lines hold.</summary>
    public static string Write(IEnumerable<UserAccount> accounts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Readable, Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber(VersionField, Version);
            json.WriteStartArray(AccountsField);
            foreach (var account in accounts)
            {
                // One account a line, as compact as its journal line: the writer indents only what
                // it writes itself, so the line break and indent go in front of the record.
                json.WriteRawValue([.. AccountIndent, .. Record(account)], skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    /// <summary>One account as one line of the journal, with its line break: the same object as in the file's list.</summary>
    public static string WriteRecord(UserAccount account) => Utf8.GetString(Record(account)) + "\n";

    /// <summary>Reads one journal line (without its line break) holding one account.</summary>
    /// <param name="line">The line.</param>
    /// <param name="lineNumber">Its number in the journal, for the error message.</param>
    /// <exception cref="InvalidDataException">The line is not one account; the message names the line and position.</exception>
    public static UserAccount ReadRecord(string line, int lineNumber)
    {
        var reader = new UserFileReader(line, lineNumber);
        Start(ref reader, "an account");
        var account = ReadAccount(ref reader);
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

    private static bool HasUnpairedSurrogate(string text) => UserFileReader.UnpairedSurrogate(text.AsSpan()) >= 0;

    private static byte[] Record(UserAccount account)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Readable }))
        {
            json.WriteStartObject();
            json.WriteString(NameField, account.Name);
            json.WriteString(HashField, account.PasswordHash);
            json.WriteString(RoleField, account.Role.ToString());
            if (account.Color is not null)
            {
                json.WriteString(ColorField, account.Color);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the object of one account; the reader is on its <c>{</c>.</summary>
    private static UserAccount ReadAccount(ref UserFileReader reader)
    {
        string? name = null;
        string? hash = null;
        ChatRole? role = null;
        string? color = null;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        while (NextField(ref reader, fields, "an account") is { } field)
        {
            switch (field)
            {
                case NameField:
                    name = ReadString(ref reader, "a name");
                    if (name.Length == 0)
                    {
                        throw reader.Error("an account's name is empty");
                    }

                    break;
                case HashField:
                    hash = ReadString(ref reader, "a password hash");
                    if (hash.Length == 0)
                    {
                        throw reader.Error("an account's password hash is empty");
                    }

                    break;
                case RoleField:
                    var text = ReadString(ref reader, "a role");
                    role = text switch
                    {
                        nameof(ChatRole.Guest) => ChatRole.Guest,
                        nameof(ChatRole.User) => ChatRole.User,
                        nameof(ChatRole.Admin) => ChatRole.Admin,
                        _ => throw reader.Error($"'{text}' is not a role (use \"{nameof(ChatRole.User)}\" or \"{nameof(ChatRole.Admin)}\")"),
                    };
                    break;
                case ColorField:
                    color = reader.Next("a colour or null") switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.String => reader.Text(),
                        _ => throw reader.Unexpected("a colour or null"),
                    };
                    break;
                default:
                    throw reader.Error($"\"{field}\" is not a field of an account");
            }
        }

        if (name is null || hash is null || role is null)
        {
            throw reader.Error($"an account needs \"{NameField}\", \"{HashField}\" and \"{RoleField}\"");
        }

        return new UserAccount(name, hash, role.Value, color);
    }

    private static void Start(ref UserFileReader reader, string expected)
    {
        if (reader.Next(expected) != JsonTokenType.StartObject)
        {
            throw reader.Unexpected(expected);
        }
    }

    /// <summary>Moves to the next field of an object and names it, or returns null at the object's end.</summary>
    private static string? NextField(ref UserFileReader reader, HashSet<string> seen, string what)
    {
        switch (reader.Next("a field name"))
        {
            case JsonTokenType.EndObject:
                return null;
            case JsonTokenType.PropertyName:
                var field = reader.Text();

                // A field given twice would be read twice, the second silently winning.
                if (!seen.Add(field))
                {
                    throw reader.Error($"\"{field}\" appears twice in {what}");
                }

                return field;
            default:
                throw reader.Unexpected($"a field name in {what}");
        }
    }

    /// <summary>Moves into the next account of the list, or returns false at the list's end.</summary>
    private static bool NextAccount(ref UserFileReader reader) => reader.Next("an account") switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.EndArray => false,
        _ => throw reader.Unexpected("an account"),
    };

    private static string ReadString(ref UserFileReader reader, string expected) =>
        reader.Next(expected) == JsonTokenType.String ? reader.Text() : throw reader.Unexpected(expected);
}
