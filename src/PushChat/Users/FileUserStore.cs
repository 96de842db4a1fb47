using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Infrastructure;

namespace PushChat.Users;

/// <summary>
/// An <see cref="IUserStore"/> that keeps every account in one JSON file, rewritten whole on
/// each change. Meant for a single server with up to some thousands of accounts; one process at a
/// time may use a file. Like <see cref="InMemoryUserStore"/> it finds an account by a look-alike
/// of its name (<see cref="UserNames.Skeleton"/>) and refuses a new name that looks like one it holds.
/// </summary>
/// <remarks>
/// <para>
/// A change is written to <c>&lt;file&gt;.tmp</c> beside the file, flushed to the disk, then
/// renamed over the file (and, on Unix, the folder flushed too), and <see cref="CreateAsync"/> and
/// <see cref="UpdateAsync"/> return only after the rename. A crash at any point leaves either the old file or the new one, never a
/// mix; a leftover temporary file holds a change that was never acknowledged and is deleted by
/// <see cref="Open(string)"/>.
/// </para>
/// <para>
/// A file that cannot be read is refused by <see cref="Open(string)"/> and left as it is: fix or restore
/// it, then start again. Names are matched without regard to case or compatibility forms
/// (NFKC), so "Dora" and "ｄｏｒａ" are the same account as "dora".
/// </para>
/// </remarks>
#pragma warning disable CA1001 // The semaphore's wait handle is never read, so it holds nothing to release; a store lives as long as the server that uses it.
public sealed class FileUserStore : IUserStore
#pragma warning restore CA1001
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Action? _beforeRename;
    private volatile Dictionary<string, UserAccount> _accounts;

    // The same accounts by the skeleton of their names (UserNames.Skeleton), to find and refuse look-alikes.
    private volatile Dictionary<string, UserAccount> _bySkeleton;

    private FileUserStore(string path, Dictionary<string, UserAccount> accounts, Action? beforeRename)
    {
        FilePath = path;
        _accounts = accounts;
        _bySkeleton = new Dictionary<string, UserAccount>(StringComparer.Ordinal);
        foreach (var account in accounts.Values)
        {
            _bySkeleton[UserNames.Skeleton(account.Name)] = account;
        }

        _beforeRename = beforeRename;
    }

    /// <summary>The account file.</summary>
    public string FilePath { get; }

    /// <summary>How many accounts there are.</summary>
    public int Count => _accounts.Count;

    /// <summary>Opens an account file, or starts an empty one (written at the first change) when there is none.</summary>
    /// <param name="path">The file, for example <c>data/users.json</c>; its folder is created when missing.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid account file; the message names the file, the line and the position. The file is left unchanged.</exception>
    /// <exception cref="IOException">The file could not be read; the message names it.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be read or written.</exception>
    public static FileUserStore Open(string path) => Open(path, beforeRename: null);

    /// <summary>For tests: runs <paramref name="beforeRename"/> after the temporary file is flushed and before it replaces the file.</summary>
    internal static FileUserStore Open(string path, Action? beforeRename)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The account file needs a path.", nameof(path));
        }

        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Written before the rename that would have acknowledged it, so nobody was told it was stored.
        File.Delete(TempPath(fullPath));

        var accounts = new Dictionary<string, UserAccount>(AccountNameKey.Comparer);
        if (File.Exists(fullPath))
        {
            foreach (var account in Read(fullPath))
            {
                accounts.Add(AccountNameKey.For(account.Name), account);
            }
        }

        return new FileUserStore(fullPath, accounts, beforeRename);
    }

    /// <inheritdoc />
    public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return new(_accounts.TryGetValue(AccountNameKey.For(name), out var account) || _bySkeleton.TryGetValue(UserNames.Skeleton(name), out account) ? account : null);
    }

    /// <inheritdoc />
    /// <remarks>Returns once the account is on the disk.</remarks>
    public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        return ChangeAsync(account, mustExist: false, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Returns once the change is on the disk.</remarks>
    public ValueTask<bool> UpdateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        return ChangeAsync(account, mustExist: true, cancellationToken);
    }

    private static string TempPath(string path) => path + ".tmp";

    private static List<UserAccount> Read(string path)
    {
        string text;
        try
        {
            text = Utf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException(Refusal(path, "it is not UTF-8 text"), ex);
        }
        catch (IOException ex)
        {
            throw new IOException($"The account file '{path}' could not be read: {ex.Message}", ex);
        }

        try
        {
            return UserFile.Read(text);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(Refusal(path, ex.Message), ex);
        }
    }

    private static string Refusal(string path, string problem) =>
        $"The account file '{path}' is not valid: {problem}. It was left unchanged; correct or restore it, then start again.";

    private async ValueTask<bool> ChangeAsync(UserAccount account, bool mustExist, CancellationToken cancellationToken)
    {
        var key = AccountNameKey.For(account.Name);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _accounts;
            var skeleton = UserNames.Skeleton(account.Name);
            if (current.ContainsKey(key) != mustExist || (!mustExist && _bySkeleton.ContainsKey(skeleton)))
            {
                // Taken, or a look-alike of a name that is.
                return false;
            }

            var changed = new Dictionary<string, UserAccount>(current, AccountNameKey.Comparer) { [key] = account };
            var bySkeleton = new Dictionary<string, UserAccount>(_bySkeleton, StringComparer.Ordinal);
            if (current.TryGetValue(key, out var previous))
            {
                bySkeleton.Remove(UserNames.Skeleton(previous.Name));
            }

            bySkeleton[skeleton] = account;

            // Off the caller's thread: the flush waits for the disk, and callers include
            // the connection loops. Not cancelled once started, so a change is either whole or absent.
            await Task.Run(() => Write(changed.Values), CancellationToken.None).ConfigureAwait(false);
            (_accounts, _bySkeleton) = (changed, bySkeleton);
            return true;
        }
        finally
        {
            _writing.Release();
        }
    }

    private void Write(IEnumerable<UserAccount> accounts)
    {
        var temp = TempPath(FilePath);
        var bytes = Utf8.GetBytes(UserFile.Write(accounts));
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes, 0, bytes.Length);

            // fsync (or FlushFileBuffers) before the rename: otherwise a power cut can leave the
            // renamed file empty, the data still in the page cache.
            file.Flush(flushToDisk: true);
        }

        _beforeRename?.Invoke();
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
    }
}
