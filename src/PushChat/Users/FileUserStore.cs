using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Internal.Infrastructure;

namespace PushChat.Users;

/// <summary>
/// An <see cref="IUserStore"/> that keeps every account in one JSON file and a journal of the
/// changes since the file was last written. Meant for a single server with up to some tens of
/// thousands of accounts; one process at a time may use a file. Like <see cref="InMemoryUserStore"/>
/// it finds an account by a look-alike of its name (<see cref="UserNames.Skeleton"/>) and refuses
/// a new name that looks like one it holds.
/// </summary>
/// <remarks>
/// <para>
/// A change appends one line, the whole account, to <c>&lt;file&gt;.journal</c> and flushes it to
/// the disk; <see cref="CreateAsync"/> and <see cref="UpdateAsync"/> return only then. So a
/// registration writes one line, not every account. Once the journal outgrows the file (and 64 KiB),
/// and when the store is opened or disposed, the journal is folded into the file: the accounts are
/// written to <c>&lt;file&gt;.tmp</c>, flushed, renamed over the file (the folder flushed too where the
/// platform allows), and only then is the journal deleted. Bytes written therefore grow in
/// proportion to the changes, not to changes times accounts.
/// </para>
/// <para>
/// A crash never loses an acknowledged change nor leaves a mix: a leftover temporary file was
/// never renamed and is deleted at the next <see cref="Open(string)"/>; a journal line cut short
/// by a crash was never acknowledged and is dropped with a warning in the log. Anything else that
/// cannot be read, in the file or the journal, is refused by <see cref="Open(string)"/> with its line
/// and position, and both are left as they are: fix or restore them, then start again. Names are
/// matched without regard to case or compatibility forms (NFKC), so "Dora" and "ｄｏｒａ" are the
/// same account as "dora".
/// </para>
/// </remarks>
public sealed class FileUserStore : IUserStore, IDisposable, IAsyncDisposable
{
    /// <summary>The journal is not folded while it is smaller than this, so small files are not rewritten at every change.</summary>
    internal const long MinimumJournalBytes = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<string, UserAccount> _accounts;

    // The key of each account by the skeleton of its name (UserNames.Skeleton), to find and refuse look-alikes.
    private readonly ConcurrentDictionary<string, string> _keysBySkeleton = new(StringComparer.Ordinal);

    // Used and changed only while _writing is held.
    private readonly UserFileWriter _writer;
    private bool _disposed;

    private FileUserStore(string path, Dictionary<string, UserAccount> accounts, bool fileExists, long fileBytes, FileUserStoreHooks hooks, ILogger logger)
    {
        FilePath = path;
        _accounts = new ConcurrentDictionary<string, UserAccount>(accounts, AccountNameKey.Comparer);
        foreach (var pair in accounts)
        {
            _keysBySkeleton[UserNames.Skeleton(pair.Value.Name)] = pair.Key;
        }

        _writer = new UserFileWriter(path, fileExists, fileBytes, () => _accounts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value), hooks, logger);
    }

    /// <summary>The account file.</summary>
    public string FilePath { get; }

    /// <summary>How many accounts there are.</summary>
    public int Count => _accounts.Count;

    /// <summary>Opens an account file, or starts an empty one (written at the first change) when there is none.</summary>
    /// <param name="path">The file, for example <c>data/users.json</c>; its folder is created when missing.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidDataException">The file or its journal is not valid; the message names the file, the line and the position. Both are left unchanged.</exception>
    /// <exception cref="IOException">The file could not be read or its journal folded into it; the message names it.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be read or written.</exception>
    public static FileUserStore Open(string path) => Open(path, logger: null);

    /// <summary>Opens an account file, logging a journal line a crash cut short and journal folds that failed.</summary>
    /// <param name="path">The file, for example <c>data/users.json</c>; its folder is created when missing.</param>
    /// <param name="logger">Where to log; never receives a password or a hash.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidDataException">The file or its journal is not valid; the message names the file, the line and the position. Both are left unchanged.</exception>
    /// <exception cref="IOException">The file could not be read or its journal folded into it; the message names it.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be read or written.</exception>
    public static FileUserStore Open(string path, ILogger? logger) => Open(path, logger, new FileUserStoreHooks());

    /// <summary>For tests: opens with the given hooks.</summary>
    internal static FileUserStore Open(string path, ILogger? logger, FileUserStoreHooks hooks)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The account file needs a path.", nameof(path));
        }

        logger ??= NullLogger.Instance;
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Written before the rename that would have made it the file; the journal still holds every change.
        File.Delete(UserFileWriter.TempPath(fullPath));

        var accounts = new Dictionary<string, UserAccount>(AccountNameKey.Comparer);
        var fileExists = File.Exists(fullPath);
        var fileBytes = 0L;
        if (fileExists)
        {
            var bytes = ReadAllBytes(fullPath);
            fileBytes = bytes.Length;
            foreach (var account in ReadFile(fullPath, bytes))
            {
                accounts.Add(AccountNameKey.For(account.Name), account);
            }
        }

        var journalPath = UserJournal.PathFor(fullPath);
        var journalExists = File.Exists(journalPath);
        if (journalExists)
        {
            var journal = ReadJournal(journalPath);
            foreach (var account in journal.Records)
            {
                accounts[AccountNameKey.For(account.Name)] = account;
            }

            if (journal.TornBytes > 0)
            {
                Log.UserJournalTornLine(logger, journalPath, journal.TornBytes);
            }
        }

        var store = new FileUserStore(fullPath, accounts, fileExists, fileBytes, hooks, logger);
        if (journalExists)
        {
            // Folding now drops a torn last line before anything is appended after it, and
            // spares the next start the replay.
            store._writer.Fold();
        }

        return store;
    }

    /// <inheritdoc />
    public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (_accounts.TryGetValue(AccountNameKey.For(name), out var account)
            || (_keysBySkeleton.TryGetValue(UserNames.Skeleton(name), out var key) && _accounts.TryGetValue(key, out account)))
        {
            return new(account);
        }

        return new((UserAccount?)null);
    }

    /// <inheritdoc />
    /// <remarks>Returns once the account is on the disk.</remarks>
    /// <exception cref="ArgumentException">A field of the account holds half of a UTF-16 surrogate pair, which the file cannot store.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        return ChangeAsync(expected: null, account, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Returns once the change is on the disk.</remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken)
    {
        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected));
        }

        if (updated is null)
        {
            throw new ArgumentNullException(nameof(updated));
        }

        if (!AccountNameKey.Comparer.Equals(AccountNameKey.For(expected.Name), AccountNameKey.For(updated.Name)))
        {
            throw new ArgumentException("An update keeps the account's name; it cannot rename or replace another account.", nameof(updated));
        }

        return ChangeAsync(expected, updated, cancellationToken);
    }

    /// <summary>Folds the journal into the file, so the next start reads one file; later changes are refused.</summary>
    /// <remarks>A failure is logged, not thrown: the journal keeps every change and is folded at the next start.</remarks>
    public void Dispose()
    {
        _writing.Wait();
        try
        {
            DisposeHeld();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A task that completes once the journal is folded.</returns>
    public async ValueTask DisposeAsync()
    {
        await _writing.WaitAsync().ConfigureAwait(false);
        try
        {
            await Task.Run(DisposeHeld).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    private static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new IOException($"The account file '{path}' could not be read: {ex.Message}", ex);
        }
    }

    private static List<UserAccount> ReadFile(string path, byte[] bytes)
    {
        string text;
        try
        {
            text = Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException(Refusal("account file", path, "it is not UTF-8 text"), ex);
        }

        try
        {
            return UserFile.Read(text);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(Refusal("account file", path, ex.Message), ex);
        }
    }

    private static UserJournal.Contents ReadJournal(string path)
    {
        try
        {
            return UserJournal.Read(ReadAllBytes(path));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(Refusal("account journal", path, ex.Message), ex);
        }
    }

    private static string Refusal(string what, string path, string problem) =>
        $"The {what} '{path}' is not valid: {problem}. It was left unchanged; correct or restore it, then start again.";

    private async ValueTask<bool> ChangeAsync(UserAccount? expected, UserAccount account, CancellationToken cancellationToken)
    {
        UserFile.EnsureStorable(account);
        var key = AccountNameKey.For(account.Name);
        var skeleton = UserNames.Skeleton(account.Name);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(FileUserStore));
            }

            var exists = _accounts.TryGetValue(key, out var current);
            if (expected is null ? exists || _keysBySkeleton.ContainsKey(skeleton) : !exists || !current!.Equals(expected))
            {
                // Taken, a look-alike of a name that is, or changed since the caller read it.
                return false;
            }

            // Off the caller's thread: the flush waits for the disk, and callers include the
            // connection loops. Not cancelled once started, so a change is either whole or absent.
            var line = Utf8.GetBytes(UserFile.WriteRecord(account));
            await Task.Run(() => _writer.Append(line), CancellationToken.None).ConfigureAwait(false);

            _accounts[key] = account;
            if (current is not null)
            {
                _keysBySkeleton.TryRemove(UserNames.Skeleton(current.Name), out _);
            }

            _keysBySkeleton[skeleton] = key;

            if (_writer.FoldDue)
            {
                await Task.Run(_writer.TryFold, CancellationToken.None).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            _writing.Release();
        }
    }

    private void DisposeHeld()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_writer.HasUnfolded)
        {
            _writer.TryFold();
        }
    }
}
