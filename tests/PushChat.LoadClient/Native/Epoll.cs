using System.Runtime.InteropServices;

namespace PushChat.LoadClient.Native;

/// <summary>
/// The few Linux calls a lean client loop needs: epoll(7) and non-blocking recv(2) and send(2). The load
/// client reads thousands of streams the way a browser fleet would, as soon as bytes arrive,
/// without a managed completion and a thread-pool item per read.
/// </summary>
internal static unsafe partial class Epoll
{
    public const int In = 0x001;
    public const int Err = 0x008;
    public const int Hup = 0x010;
    public const int RdHup = 0x2000;

    public const int CtlAdd = 1;
    public const int CtlDel = 2;

    public const int DontWait = 0x40;
    public const int NoSignal = 0x4000;

    public const int EIntr = 4;
    public const int EAgain = 11;

    /// <summary>
    /// <c>struct epoll_event</c> is packed on x86-64 (12 bytes, data at offset 4) and naturally
    /// aligned elsewhere (16 bytes, data at offset 8).
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int Create()
    {
        var fd = epoll_create1(0);
        return fd >= 0 ? fd : throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void Add(int epfd, int fd, long data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = In | RdHup;
        *(long*)(ev + DataOffset) = data;
        if (epoll_ctl(epfd, CtlAdd, fd, ev) != 0)
        {
            throw new IOException($"epoll_ctl(ADD) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static void Remove(int epfd, int fd)
    {
        var ev = stackalloc byte[16];
        _ = epoll_ctl(epfd, CtlDel, fd, ev);
    }

    /// <summary>Waits for events; returns their count, 0 on timeout or interruption.</summary>
    public static int Wait(int epfd, byte* events, int max, int timeoutMs)
    {
        var n = epoll_wait(epfd, events, max, timeoutMs);
        if (n >= 0)
        {
            return n;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EIntr ? 0 : throw new IOException($"epoll_wait failed: errno {errno}");
    }

    public static long DataAt(byte* events, int index) => *(long*)(events + (index * EventSize) + DataOffset);

    /// <summary>A non-blocking receive: bytes read, 0 at the end of the stream, -1 when nothing is there (EAGAIN), -2 on an error.</summary>
    public static int Receive(int fd, byte* buffer, int length)
    {
        while (true)
        {
            var n = recv(fd, buffer, length, DontWait);
            if (n >= 0)
            {
                return (int)n;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr)
            {
                continue;
            }

            return errno == EAgain ? -1 : -2;
        }
    }

    /// <summary>A non-blocking send: bytes sent, -1 when the socket buffer is full (EAGAIN), -2 on an error.</summary>
    public static int Send(int fd, byte* buffer, int length)
    {
        while (true)
        {
            var n = send(fd, buffer, length, DontWait | NoSignal);
            if (n >= 0)
            {
                return (int)n;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr)
            {
                continue;
            }

            return errno == EAgain ? -1 : -2;
        }
    }

    public static void Close(int fd) => _ = close(fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recv(int fd, byte* buffer, nint length, int flags);
}
