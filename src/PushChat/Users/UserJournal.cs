using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PushChat.Users;

/// <summary>
/// The journal beside an account file: one line per acknowledged change, each the whole account
/// as it is after the change (the same JSON object as in the file's list). Replayed in order over
/// the file, the last line of a name wins, so replaying lines the file already holds changes nothing.
/// </summary>
internal static class UserJournal
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What a journal holds.</summary>
    /// <param name="Records">The changes, oldest first.</param>
    /// <param name="TornBytes">Bytes after the last line break: a line a crash cut short, never acknowledged.</param>
    public readonly record struct Contents(List<UserAccount> Records, long TornBytes);

    public static string PathFor(string accountFile) => accountFile + ".journal";

    /// <exception cref="InvalidDataException">A whole line is not an account; the message names the line and position.</exception>
    public static Contents Read(byte[] bytes)
    {
        // A change is acknowledged only once its line, line break included, is on the disk, so
        // anything after the last line break is the remains of a write a crash interrupted.
        var kept = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var records = new List<UserAccount>();
        var lineStart = 0;
        var lineNumber = 1;
        for (var i = 0; i < kept; i++)
        {
            if (bytes[i] != '\n')
            {
                continue;
            }

            string line;
            try
            {
                line = Utf8.GetString(bytes, lineStart, i - lineStart);
            }
            catch (DecoderFallbackException ex)
            {
                throw new InvalidDataException($"line {lineNumber}: it is not UTF-8 text", ex);
            }

            records.Add(UserFile.ReadRecord(line, lineNumber));
            lineStart = i + 1;
            lineNumber++;
        }

        return new Contents(records, bytes.Length - kept);
    }
}
