using System.Runtime.InteropServices;
using System.Text;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Flushes a folder's entries to the disk, so that a file renamed into it stays renamed after a
/// power cut. POSIX leaves the rename in the page cache until the folder itself is fsync'ed
/// (fsync(2): "an explicit fsync() on a file descriptor for the directory is also needed"), and
/// .NET has no call for it. Best effort: where the folder cannot be opened, nothing happens.
/// </summary>
internal static class DirectoryFlush
{
    public static void Flush(string directory)
    {
        // NTFS commits a rename in its metadata journal; Windows has no fsync of a folder.
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        var fd = NativeMethods.open(Encoding.UTF8.GetBytes(directory + "\0"), NativeMethods.ReadOnly);
        if (fd < 0)
        {
            return;
        }

        _ = NativeMethods.fsync(fd);
        _ = NativeMethods.close(fd);
    }

    private static class NativeMethods
    {
        public const int ReadOnly = 0;

#pragma warning disable CA5392 // libc is found by the loader's own rules.
        [DllImport("libc")]
        public static extern int open(byte[] path, int flags);

        [DllImport("libc")]
        public static extern int fsync(int fd);

        [DllImport("libc")]
        public static extern int close(int fd);
#pragma warning restore CA5392
    }
}
