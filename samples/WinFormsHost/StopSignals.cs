using System;
using System.Reflection;
using System.Threading;

namespace PushChat.WinFormsHost;

/// <summary>
/// Closes the window gracefully on SIGINT (Ctrl+C) and SIGTERM (a service manager, <c>kill</c>),
/// as its close box does: every open chat is told goodbye first. A second signal while the chat
/// stops ends the process at once.
/// </summary>
/// <remarks>
/// Mono raises <see cref="Console.CancelKeyPress"/> only when a terminal is attached; without one
/// (a service, a pipe, a test) SIGINT killed the process at once. Under Mono the signals are taken
/// through Mono.Unix.UnixSignal instead. Mono.Posix is part of every Mono install but not of the
/// .NET Framework reference assemblies this project builds from on any OS, so it is reached by
/// reflection rather than referenced.
/// </remarks>
internal static class StopSignals
{
    private const string MonoPosix = "Mono.Posix, Version=4.0.0.0, Culture=neutral, PublicKeyToken=0738eb9f132ed756";

    private static int _received;

    /// <summary>Calls <paramref name="stop"/> on the first signal; from now on, for the life of the process.</summary>
    public static void Listen(Action stop)
    {
        if (Type.GetType("Mono.Runtime") is not null && TryListenThroughMono(stop))
        {
            return;
        }

        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = Interlocked.Increment(ref _received) == 1;
            if (e.Cancel)
            {
                stop();
            }
        };
    }

    private static bool TryListenThroughMono(Action stop)
    {
        Assembly posix;
        try
        {
            posix = Assembly.Load(MonoPosix);
        }
        catch (System.IO.IOException)
        {
            return false;
        }

        var signum = posix.GetType("Mono.Unix.Native.Signum", throwOnError: true)!;
        var unixSignal = posix.GetType("Mono.Unix.UnixSignal", throwOnError: true)!;
        var signals = Array.CreateInstance(unixSignal, 2);
        signals.SetValue(Activator.CreateInstance(unixSignal, Enum.Parse(signum, "SIGINT")), 0);
        signals.SetValue(Activator.CreateInstance(unixSignal, Enum.Parse(signum, "SIGTERM")), 1);
        var waitAny = unixSignal.GetMethod("WaitAny", [signals.GetType(), typeof(int)])!;

        // UnixSignal.WaitAny blocks until a signal arrives; a background thread ends with the process.
        var watcher = new Thread(() =>
        {
            while (true)
            {
                var index = (int)waitAny.Invoke(null, [signals, Timeout.Infinite])!;
                if (index < 0 || index >= signals.Length)
                {
                    continue;
                }

                if (Interlocked.Increment(ref _received) == 1)
                {
                    stop();
                }
                else
                {
                    Environment.Exit(130);
                }
            }
        })
        {
            IsBackground = true,
            Name = "Stop signals",
        };
        watcher.Start();
        return true;
    }
}
