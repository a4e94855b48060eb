"""Run once, when the release step creates the instance's database (CubicWeb's postcreate
script): the place for the data a new instance starts with. The service needs none."""
