using System;
using System.IO;
using System.Threading;

namespace PushChat.WinFormsHost;

/// <summary>
/// What a test (or a script) sees of the window: one line on standard output per change of state
/// ("listening on 127.0.0.1:9148", "online: alice, bob", "stopped"), and one command read from
/// standard input: "quit" closes the window as its close box does.
/// </summary>
internal sealed class AutomationChannel
{
    private readonly TextWriter _output;
    private readonly TextReader _input;
    private readonly object _writeLock = new();

    public AutomationChannel(TextWriter output, TextReader input)
    {
        _output = output;
        _input = input;
    }

    /// <summary>Writes one line and flushes it, so a reader sees it before anything else happens.</summary>
    public void Report(string line)
    {
        lock (_writeLock)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    /// <summary>Reads commands on a background thread (the read blocks); calls <paramref name="quit"/> on "quit".</summary>
    public void ListenForQuit(Action quit)
    {
        var reader = new Thread(() =>
        {
            // A window started from a desktop has no input: the first read ends it.
            while (_input.ReadLine() is { } line)
            {
                if (string.Equals(line.Trim(), "quit", StringComparison.OrdinalIgnoreCase))
                {
                    quit();
                    return;
                }
            }
        })
        {
            IsBackground = true,
            Name = "Automation input",
        };
        reader.Start();
    }
}
