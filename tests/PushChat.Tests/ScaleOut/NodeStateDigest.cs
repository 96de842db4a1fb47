using System.Globalization;
using System.Text;
using PushChat.Internal.Push;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// A node's whole chat state written out as text: rooms with their logs (positions, times, texts),
/// sessions with their rooms, presence and times. Nodes that applied the same changes write the same.
/// </summary>
internal static class NodeStateDigest
{
    public static string Of(ChatServer server)
    {
        var state = server.Engine!.State;
        var text = new StringBuilder();
        foreach (var room in state.Rooms.All().OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"room {room.Name} topic={room.Topic} owner={room.Owner} occupants={room.Occupants} empty={room.EmptySince:O} log={room.Log.Epoch}:{room.Log.Head}");
            AppendItems(text, room.Log);
        }

        foreach (var session in state.Sessions.All().OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"session {session.Id} {session.UserName} {session.Role} {session.Color} room={session.Room.Name} ended={session.Ended} created={session.CreatedAt:O} seen={session.LastSeen:O} joined={session.JoinedAt:O} closed={session.StreamClosedAt:O} on={string.Join(",", session.PresentOn.OrderBy(n => n, StringComparer.Ordinal))} mailbox={session.Mailbox.Epoch}:{session.Mailbox.Head}");
            AppendItems(text, session.Mailbox);
        }

        return text.ToString();
    }

    private static void AppendItems(StringBuilder text, ItemLog log)
    {
        foreach (var item in log.FromStart())
        {
            var line = item is ChatLine chatLine ? $"{chatLine.Message.Kind} {chatLine.Message.Sender} {chatLine.Message.Time:O} {chatLine.Message.Text}" : item.EventName;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {item.Position.Epoch}:{item.Position.Sequence} {line}");
        }
    }
}
