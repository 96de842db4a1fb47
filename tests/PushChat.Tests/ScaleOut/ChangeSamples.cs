using System.Net;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;
using PushChat.Localization;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// One instance of every change, each property set to something other than its default, so a
/// property the encoding drops or mixes up shows in a round trip. A change without a sample here
/// fails <see cref="ChangeCodecTests"/> by name.
/// </summary>
internal static class ChangeSamples
{
    private static readonly LocalText Nested = LocalText.Of(
        "chat.notice.kicked",
        ("name", "Ann"),
        ("count", 3),
        ("big", 5_000_000_000L),
        ("small long", 7L),
        ("why", LocalText.Of("chat.reason", ("inner", LocalText.Plain("spam")), ("none", null))),
        ("none", null),
        ("name", "duplicate names are kept in order"));

    public static IReadOnlyList<ChatChange> All { get; } =
    [
        new AddressLookedUp("by-session", "Ben"),
        new BanLifted("by-session", "Ben", IPAddress.Parse("2001:db8::1")),
        new ColorChanged("session", "#a0b1c2"),
        new IgnoreChanged("session", "Ben", Ignore: true),
        new LineDeleted("Lobby", 42, "by-session", Epoch: 3),
        new LinePosted("Lobby", ChatMessageKind.Whisper, "Ann", "#123456", "hello \"you\" \u00e9\u2603", LineAudience.Sessions("s1", "s2"), "sender-session", "Ben", "target-session", "a topic")
        {
            Notice = Nested,
        },
        new ModerationSwept(),
        new MuteLifted("by-session", "Ben"),
        new NodeLost("node-b"),
        new LoginFailed("key", "Ben", IPAddress.Parse("198.51.100.4")),
        new LoginSucceeded("key"),
        new RateTaken("MaxLinesPerAddress", IPAddress.Parse("2001:db8::7")),
        new NoticeSent("session", Nested),
        new NoticesFolded("Lobby"),
        new OtherSessionsEnded("Ann", "keep-session", LocalText.Plain("signed in elsewhere")),
        new OwnerChanged("by-session", "Ben", Owner: true),
        new RoleChanged("Ben", ChatRole.Admin),
        new RoomClosed("Lobby", new DateTimeOffset(2026, 12, 7, 15, 4, 5, 678, TimeSpan.FromHours(2)), "Ann"),
        new RoomClosedByUser("by-session"),
        new RoomCreated("Lobby", "Ann", "a topic", Permanent: true, "by-session"),
        new SessionEnded("session", ChatLeaveReason.Kicked, Announce: true, new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero).AddTicks(1), LocalText.Of("farewell", ("by", "Ann")), LocalText.Plain("Ben was put out")),
        new SessionJoined("session"),
        new SessionMoved("session", "Garden"),
        new SessionStarted("session", "Ann", ChatRole.User, "#abcdef", IPAddress.Parse("fe80::1%2"), "Lobby")
        {
            BrowserSecret = "a-fixed-secret",
            Language = "de",
        },
        new SessionsSeen("node-a", ["s1", "s2", "s3"]),
        new StreamsClosed("session", "node-a"),
        new StreamsOpened("session", "node-b"),
        new TopicChanged("Lobby", "new topic", "Ann", "by-session"),
        new UserBanned("by-session", "Ben", ByAddress: true, IPAddress.Parse("192.0.2.7"), TimeSpan.FromMinutes(90.5), "flooding"),
        new UserKicked("by-session", "Ben", "rude"),
        new UserMuted("by-session", "Ben", TimeSpan.FromTicks(123_456_789), "shouting"),
        new UserRelocated("Ben", "Garden"),
    ];
}
