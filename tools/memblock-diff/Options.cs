using FirmwarePlanner.Memblock;
using System.Globalization;
using FirmwarePlanner.Common;

namespace FirmwarePlanner.Tools.MemblockDiff;

/// <summary>The command line of memblock-diff.</summary>
internal sealed class Options
{
    public const string Usage = """
        usage: memblock-diff [sweep] [--seed S] [--count N] [--kind mixed|general|big|mirror] [DIR]
                             [--kernel 7.2|6.12|both] [--jobs J] [--minimize] [--keep]
                             [--via-cli FWPLAN] [--plant none|free-last-result] [--oracle DIR]
               memblock-diff minimize SCRIPT.ops [--kernel ...] [--via-cli FWPLAN] [--plant ...]
               memblock-diff corpus OUTDIR --seed S --count N [--kind K]
        """;

    public string Command { get; private set; } = "sweep";

    public long Seed { get; private set; } = 1;

    public int Count { get; private set; } = 100;

    public string Kind { get; private set; } = "mixed";

    public IReadOnlyList<MemblockRevision> Kernels { get; private set; } = [MemblockRevision.Linux7_2, MemblockRevision.Linux6_12];

    public int Jobs { get; private set; } = 2;

    public bool Minimize { get; private set; }

    public bool Keep { get; private set; }

    public string? ViaCli { get; private set; }

    public Plant Plant { get; private set; }

    public string? OracleDir { get; private set; }

    public List<string> Files { get; } = [];

    public static Options? Parse(string[] args)
    {
        var o = new Options();
        var i = 0;
        if (args.Length > 0 && args[0] is "sweep" or "minimize" or "corpus")
        {
            o.Command = args[0];
            i = 1;
        }

        for (; i < args.Length; i++)
        {
            string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
            switch (args[i])
            {
                case "--seed": o.Seed = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--count": o.Count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--kind": o.Kind = Next(); break;
                case "--jobs": o.Jobs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--minimize": o.Minimize = true; break;
                case "--keep": o.Keep = true; break;
                case "--via-cli": o.ViaCli = Next(); break;
                case "--plant": o.Plant = Plants.Parse(Next()); break;
                case "--oracle": o.OracleDir = Next(); break;
                case "--kernel":
                    var k = Next();
                    o.Kernels = k == "both" ? [MemblockRevision.Linux7_2, MemblockRevision.Linux6_12]
                        : MemblockRevisions.TryParse(k, out var one) ? [one.Value] : throw new ArgumentException($"--kernel {k}");
                    break;
                case "-h" or "--help": return null;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    o.Files.Add(args[i]);
                    break;
            }
        }

        return o.Command is "minimize" or "corpus" && o.Files.Count != 1 ? null : o;
    }
}
