using LiveGrade.Color.Ops.Matrix;

namespace LiveGrade.Color.Ops;

/// <summary>An ordered list of ops: what a look or a conversion is before it is compiled.</summary>
public sealed class OpList
{
    private readonly List<ColorOpData> _ops = [];

    public OpList()
    {
    }

    public OpList(IEnumerable<ColorOpData> ops) => _ops.AddRange(ops);

    public IReadOnlyList<ColorOpData> Ops => _ops;

    public int Count => _ops.Count;

    public OpList Add(ColorOpData op)
    {
        _ops.Add(op);
        return this;
    }

    public OpList AddRange(IEnumerable<ColorOpData> ops)
    {
        _ops.AddRange(ops);
        return this;
    }

    /// <summary>The list that undoes this one: each op inverted, in reverse order.</summary>
    public OpList Inverse() => new(_ops.AsEnumerable().Reverse().Select(o => o.Inverse()));

    public override string ToString() => string.Join(" -> ", _ops);
}

/// <summary>
/// Small fixed-point passes over an op list, each usable alone: drop identities, drop adjacent inverse
/// pairs, fold adjacent matrices into one. <see cref="Optimize"/> runs them until nothing changes.
/// </summary>
public static class OpListOptimizer
{
    public static OpList RemoveIdentities(OpList list) => new(list.Ops.Where(o => !o.IsIdentity));

    public static OpList RemoveInversePairs(OpList list)
    {
        var stack = new List<ColorOpData>();
        foreach (var op in list.Ops)
        {
            if (stack.Count > 0 && op.IsInverseOf(stack[^1]))
            {
                stack.RemoveAt(stack.Count - 1);
            }
            else
            {
                stack.Add(op);
            }
        }
        return new OpList(stack);
    }

    public static OpList FoldMatrices(OpList list)
    {
        var result = new List<ColorOpData>();
        foreach (var op in list.Ops)
        {
            if (op is MatrixOpData m && result.Count > 0 && result[^1] is MatrixOpData previous)
            {
                result[^1] = m.ComposeAfter(previous);
            }
            else
            {
                result.Add(op);
            }
        }
        return new OpList(result);
    }

    public static OpList Optimize(OpList list)
    {
        var current = list;
        for (int pass = 0; pass < 16; pass++)
        {
            var next = FoldMatrices(RemoveIdentities(RemoveInversePairs(RemoveIdentities(current))));
            if (next.Count == current.Count && next.Ops.SequenceEqual(current.Ops))
            {
                return next;
            }
            current = next;
        }
        return current;
    }
}
