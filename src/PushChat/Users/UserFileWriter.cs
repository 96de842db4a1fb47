using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;

namespace PushChat.Users;

/// <summary>
/// Writes an account file and its journal (<see cref="UserJournal"/>) for <see cref="FileUserStore"/>:
/// appends one line per change, flushed before the change is acknowledged, and folds the journal
/// into the file by write-then-rename. Used only while the store's write lock is held.
/// </summary>
internal sealed class UserFileWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Func<IEnumerable<UserAccount>> _accounts;
    private readonly FileUserStoreHooks _hooks;
    private readonly ILogger _logger;
    private long _fileBytes;
    private long _journalBytes;
    private bool _fileExists;

    // Set when a failed append could not be cut off again: the journal may end in a partial
    // line, which the next line appended would turn into damage in the middle.
    private bool _foldBeforeAppending;

    /// <param name="filePath">The account file.</param>
    /// <param name="fileExists">Whether it exists.</param>
    /// <param name="fileBytes">Its length.</param>
    /// <param name="accounts">Every account, in the order the file lists them, for a fold.</param>
    /// <param name="hooks">For tests.</param>
    /// <param name="logger">Where a failed fold is logged.</param>
    public UserFileWriter(string filePath, bool fileExists, long fileBytes, Func<IEnumerable<UserAccount>> accounts, FileUserStoreHooks hooks, ILogger logger)
    {
        FilePath = filePath;
        _fileExists = fileExists;
        _fileBytes = fileBytes;
        _accounts = accounts;
        _hooks = hooks;
        _logger = logger;
    }

    public string FilePath { get; }

    /// <summary>
    /// Whether to fold after a change: the file is written at the first change, so that it exists
    /// and can be read as before; later, once the journal has grown as large as the file, so that
    /// each account is rewritten a bounded number of times on average.
    /// </summary>
    public bool FoldDue => !_fileExists || _journalBytes > Math.Max(_fileBytes, _hooks.MinimumJournalBytes);

    /// <summary>Whether the journal holds changes the file does not, or may end in a partial line.</summary>
    public bool HasUnfolded => _journalBytes > 0 || _foldBeforeAppending;

    private string JournalPath => UserJournal.PathFor(FilePath);

    /// <summary>Where a fold writes before the rename.</summary>
    public static string TempPath(string path) => path + ".tmp";

    /// <summary>Appends the line of one change and flushes it to the disk; a failed append leaves no partial line behind, or has the next append fold first.</summary>
    public void Append(byte[] line)
    {
        if (_foldBeforeAppending)
        {
            Fold();
        }

        using var journal = new FileStream(JournalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        var start = journal.Seek(0, SeekOrigin.End);
        try
        {
            journal.Write(line, 0, line.Length);
            _hooks.BeforeJournalFlush?.Invoke();
            journal.Flush(flushToDisk: true);
        }
        catch
        {
            // A line left half written would be the last line now but not after the next
            // change; cut it off so that the journal stays readable.
            try
            {
                journal.SetLength(start);
                journal.Flush(flushToDisk: true);
            }
#pragma warning disable CA1031 // The write's own exception is the one to report; this one only changes what the next change does first.
            catch (Exception)
#pragma warning restore CA1031
            {
                _foldBeforeAppending = true;
            }

            throw;
        }

        if (start == 0)
        {
            // A journal just created must stay in its folder, or its first line is lost with it.
            DirectoryFlush.Flush(Path.GetDirectoryName(FilePath)!);
        }

        _journalBytes = start + line.Length;
    }

    /// <summary>Folds, logging a failure: the change is in the journal already.</summary>
    public void TryFold()
    {
        try
        {
            Fold();
        }
#pragma warning disable CA1031 // The change is in the journal already; folding is tried again at the next change or start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.UserJournalCompactionFailed(_logger, FilePath, ex);
        }
    }

    /// <summary>Writes every account to the file by write-then-rename, then deletes the journal, whose lines the file now holds.</summary>
    public void Fold()
    {
        var temp = TempPath(FilePath);
        var bytes = Utf8.GetBytes(UserFile.Write(_accounts()));
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes, 0, bytes.Length);

            // fsync (or FlushFileBuffers) before the rename: otherwise a power cut can leave the
            // renamed file empty, the data still in the page cache.
            file.Flush(flushToDisk: true);
        }

        _hooks.BeforeRename?.Invoke();
#if NET
        File.Move(temp, FilePath, overwrite: true);
#else
        if (File.Exists(FilePath))
        {
            File.Replace(temp, FilePath, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temp, FilePath);
        }
#endif

        DirectoryFlush.Flush(Path.GetDirectoryName(FilePath)!);
        (_fileExists, _fileBytes) = (true, bytes.Length);

        // Only after the rename is on the disk: until then the journal is what holds the changes.
        // Should the deletion be lost, replaying lines the file already holds changes nothing.
        File.Delete(JournalPath);
        (_journalBytes, _foldBeforeAppending) = (0, false);
    }
}
