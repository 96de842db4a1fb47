using System.Globalization;

namespace PushChat.LoadClient;

/// <summary>
/// The CPU time of a process and all its children, read from <c>/proc</c>: a database server
/// (PostgreSQL forks a process per connection and a few background workers) is measured as a
/// whole, so the cost of the chat's database shows beside the cost of its nodes. Children that
/// ended count too, through their parent's reaped-children time.
/// </summary>
internal sealed class ProcessTreeCpu
{
    private readonly int _rootPid;
    private readonly double _secondsPerTick;

    public ProcessTreeCpu(int rootPid, double ticksPerSecond = 100)
    {
        _rootPid = rootPid;
        // USER_HZ, which /proc counts in, is 100 on every Linux architecture .NET runs on.
        _secondsPerTick = 1 / ticksPerSecond;
    }

    /// <summary>One line of <c>/proc/PID/stat</c>: the parent, the process's own user + system ticks and those of its reaped children.</summary>
    public static (int ParentPid, long OwnTicks, long ReapedChildrenTicks) ParseStat(string line)
    {
        // The name (field 2) is in parentheses and may contain anything, parentheses included.
        var fields = line.Substring(line.LastIndexOf(')') + 2).Split(' ');

        // Numbered from field 3 (state): ppid is field 4, utime..cstime fields 14..17.
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    /// <summary>The CPU the root process and every process below it have used so far.</summary>
    public TimeSpan Total()
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = ParseStat(File.ReadAllText(Path.Combine(directory, "stat")));
                stats[pid] = (stat.ParentPid, stat.OwnTicks + stat.ReapedChildrenTicks);
            }
            catch (IOException)
            {
                // The process ended meanwhile; its time is now its parent's reaped time.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        long ticks = 0;
        foreach (var (pid, (_, own)) in stats)
        {
            if (IsInTree(pid, stats))
            {
                ticks += own;
            }
        }

        return TimeSpan.FromSeconds(ticks * _secondsPerTick);
    }

    private bool IsInTree(int pid, Dictionary<int, (int Parent, long Ticks)> stats)
    {
        // Depth-bounded: a parent chain never loops, but a reused pid read mid-change could.
        for (var depth = 0; depth < 64; depth++)
        {
            if (pid == _rootPid)
            {
                return true;
            }

            if (!stats.TryGetValue(pid, out var stat) || stat.Parent <= 1)
            {
                return false;
            }

            pid = stat.Parent;
        }

        return false;
    }
}
