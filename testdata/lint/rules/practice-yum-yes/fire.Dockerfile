FROM amazonlinux:2
RUN yum install git && yum clean all
