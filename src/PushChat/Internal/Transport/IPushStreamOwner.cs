namespace PushChat.Internal.Transport;

/// <summary>Whoever feeds a connection's push response; told when the connection goes away.</summary>
internal interface IPushStreamOwner
{
    void OnConnectionClosed(HttpConnection connection);
}
