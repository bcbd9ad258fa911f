using System.Globalization;
using SharpFuzz;

namespace FirmwarePlanner.Tools.Fuzz;

/// <summary>
/// <c>fwplan-fuzz HARNESS</c>: the AFL++ target (SharpFuzz out-of-process mode: the harness runs in a child that
/// afl-fuzz restarts after a crash, so hangs show as hangs and crashes as crashes). <c>fwplan-fuzz --list</c>: one
/// line per harness, name then seed globs. <c>fwplan-fuzz --replay HARNESS FILE...</c>: runs each file once in
/// process and prints the failures (exit 1 if any), for triage and minimization.
/// </summary>
internal static class Program
{
    private const int MaxInput = 1 << 20;

    private static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--list")
        {
            foreach (var h in Harnesses.All)
            {
                Console.WriteLine(h.Name + "\t" + (h.Verb ? "verb" : "reader") + "\t" + string.Join(' ', h.Seeds));
            }

            return 0;
        }

        if (args.Length >= 2 && args[0] == "--replay" && Harnesses.Find(args[1]) is { } replay)
        {
            var failures = 0;
            foreach (var file in args.Skip(2))
            {
                try
                {
                    replay.Run(File.ReadAllBytes(file));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failures++;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL {file}: {ex}"));
                }
            }

            return failures == 0 ? 0 : 1;
        }

        if (args.Length == 1 && Harnesses.Find(args[0]) is { } harness)
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var ms = new MemoryStream();
                var buffer = new byte[81920];
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0 && ms.Length < MaxInput)
                {
                    ms.Write(buffer, 0, n);
                }

                harness.Run(ms.ToArray());
            });
            return 0;
        }

        Console.Error.WriteLine("usage: fwplan-fuzz HARNESS | --list | --replay HARNESS FILE...");
        return 2;
    }
}
