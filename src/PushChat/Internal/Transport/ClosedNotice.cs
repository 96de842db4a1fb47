using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// Who a push stream tells when its connection closes. The receive loop closes the connection
/// while the chat may name that handler from another thread, so one named after the close is told
/// at once and none is ever told twice or missed.
/// </summary>
internal sealed class ClosedNotice
{
    private readonly object _gate = new();
    private Action? _onClosed;
    private bool _closed;

    /// <summary>Names who is told of the close, in place of anyone named before; told now if the close came already.</summary>
    public void Set(Action onClosed)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _onClosed = onClosed;
                return;
            }
        }

        onClosed();
    }

    /// <summary>Called once, by the receive loop as it ends: tells whoever is named.</summary>
    public void Close()
    {
        Action? onClosed;
        lock (_gate)
        {
            _closed = true;
            onClosed = _onClosed;
        }

        onClosed?.Invoke();
    }
}
