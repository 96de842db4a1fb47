namespace PushChat.ScaleOut;

/// <summary>What a node learns as it joins a chat.</summary>
public sealed class BackplaneStart
{
    /// <summary>Creates the answer of <see cref="IChatBackplane.StartAsync"/>.</summary>
    /// <param name="chatId">A number drawn once when the chat's store was made, from 1 to 2^32: positions that readers keep are told apart from another chat's.</param>
    /// <param name="head">The position of the newest change stored; 0 for none.</param>
    public BackplaneStart(long chatId, long head)
    {
        ChatId = chatId;
        Head = head;
    }

    /// <summary>A number drawn once when the chat's store was made, from 1 to 2^32.</summary>
    public long ChatId { get; }

    /// <summary>The position of the newest change stored; 0 for none.</summary>
    public long Head { get; }
}
