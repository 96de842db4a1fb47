namespace PushChat.Localization.Keys;

/// <summary>
/// The keys of the WebSocket protocol's own error messages (Texts/*/sockets.json): a first
/// message that proves no session, a message a logged-in connection cannot send, and a message
/// the protocol cannot read. The codes beside them stay as they are: programs branch on those.
/// </summary>
internal static class SocketTexts
{
    // Logging in.
    public const string NotProven = "socket.not-proven";
    public const string NotFirst = "socket.not-first";
    public const string NoCookie = "socket.no-cookie";
    public const string AccountReadyButRefused = "socket.account-ready-but-refused";
    public const string LoggedInAlready = "socket.logged-in-already";
    public const string BadCursor = "socket.bad-cursor";

    // Messages of a logged-in connection.
    public const string WaitAMoment = "socket.wait-a-moment";
    public const string BadPosition = "socket.bad-position";

    // Reading a message.
    public const string NotJson = "socket.not-json";
    public const string NotUtf8 = "socket.not-utf8";
    public const string NotAnObject = "socket.not-an-object";
    public const string NeedsType = "socket.needs-type";
    public const string UnknownType = "socket.unknown-type";
    public const string VersionIsNumber = "socket.version-is-number";
    public const string UnsupportedVersion = "socket.unsupported-version";
    public const string IdTooLong = "socket.id-too-long";
    public const string IdKind = "socket.id-kind";
    public const string FieldTwice = "socket.field-twice";
    public const string FieldRequired = "socket.field-required";
    public const string FieldIsString = "socket.field-is-string";
    public const string FieldIsBoolean = "socket.field-is-boolean";
    public const string FieldNotText = "socket.field-not-text";
}
