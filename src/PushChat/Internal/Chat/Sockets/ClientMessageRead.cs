using PushChat.Internal.Chat.Commands;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// What reading a client message came to: the <see cref="Message"/>, or the <see cref="Refusal"/> to
/// answer with. <see cref="Id"/> is the message's id whenever it could be read, so even a refused
/// message's answer repeats it.
/// </summary>
internal sealed class ClientMessageRead
{
    private ClientMessageRead(ClientMessage? message, MessageId id, CommandRefusal? refusal)
    {
        Message = message;
        Id = id;
        Refusal = refusal;
    }

    public ClientMessage? Message { get; }

    public MessageId Id { get; }

    public CommandRefusal? Refusal { get; }

    public static ClientMessageRead Read(ClientMessage message) => new(message, message.Id, null);

    public static ClientMessageRead Refused(MessageId id, string code, LocalText message) => new(null, id, new CommandRefusal(code, 400, message));
}
