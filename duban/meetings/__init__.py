"""Review meetings (调度会): chosen items, the meeting pack, a decision per item, the minutes."""
